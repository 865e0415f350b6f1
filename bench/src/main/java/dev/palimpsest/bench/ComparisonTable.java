package dev.palimpsest.bench;

import java.util.List;

/**
 * {@code bench compare}'s rows as a Markdown table for BENCHMARKS.md: figure | Palimpsest | anchor | ratio | target |
 * met?, then the notes of rows that have one, numbered, under the table (a table cell is no place for them).
 */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static String markdown(List<Comparison> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| figure | Palimpsest | anchor | ratio | target | met? |\n");
        md.append("|---|---|---|---|---|---|\n");
        int notes = 0;
        for (Comparison row : rows) {
            String figure = cell(row.figure());
            if (!row.note().isEmpty()) {
                notes++;
                figure += " (" + notes + ")";
            }
            md.append("| ").append(figure)
                    .append(" | ").append(cell(row.palimpsestText()))
                    .append(" | ").append(cell(row.anchorText()))
                    .append(" | ").append(row.ratioText())
                    .append(" | ").append(row.target().describe())
                    .append(" | ").append(row.metText())
                    .append(" |\n");
        }
        if (notes > 0) {
            md.append('\n');
            int note = 0;
            for (Comparison row : rows) {
                if (!row.note().isEmpty()) {
                    note++;
                    md.append(note).append(". ").append(row.note().strip()).append('\n');
                }
            }
        }
        return md.toString();
    }

    /** A pipe would end the cell; a line break, the row. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
