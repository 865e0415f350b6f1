package dev.palimpsest.ingest.mediawiki;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root element of a MediaWiki export, {@code <mediawiki>}: the namespace its elements are in and the schema
 * version it declares.
 *
 * <p>Accepted, as MediaWiki's {@code WikiImporter} and mwxml accept them (both match the root by its local name
 * only): the root in any export namespace, {@code http://www.mediawiki.org/xml/export-0.N/} with {@code http} or
 * {@code https}, with or without the trailing slash, and the root in no namespace at all. A {@code <mediawiki>} in
 * any other namespace is another vocabulary's element that happens to share the name, not an export: refused, like
 * a root with another name.
 *
 * <p>The schema version comes from the {@code version} attribute or from the namespace. <b>When both are present
 * and disagree, the attribute wins</b>: every export schema (0.1 to 0.11) declares {@code version} a required
 * attribute of the root, so it is the document's own statement of its schema, while the namespace URI is the part
 * that tools rewrite (http to https, the slash dropped, the namespace stripped: the very forms accepted here). The
 * disagreement is no error, because no reading decision depends on the version: every schema is read by element
 * names, elements this reader does not know are skipped, and a revision without a readable text is rejected on its
 * own. So a version newer than {@value #NEWEST_KNOWN} (0.12, 1.0) is read too, as MediaWiki and mwxml read it (they
 * do not look at the version at all); {@link #knownVersion()} lets the caller say so.
 *
 * @param namespace     the root's namespace URI, {@code ""} for none: the elements inside are read in it
 * @param schemaVersion the declared schema version ({@code "0.11"}), or null when neither the attribute nor the
 *                      namespace gives a readable one
 */
public record ExportRoot(String namespace, String schemaVersion) {

    /** The newest export schema this reader was written against. */
    public static final String NEWEST_KNOWN = "0.11";
    private static final int NEWEST_KNOWN_MINOR = 11;

    private static final Pattern EXPORT_NAMESPACE =
            Pattern.compile("https?://www\\.mediawiki\\.org/xml/export-(\\d{1,9}\\.\\d{1,9})/?");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}");
    private static final String ROOT = "mediawiki";

    /**
     * The root as the parser met it.
     *
     * @param localName        the root element's local name
     * @param namespaceUri     its namespace URI, null or empty for none
     * @param versionAttribute its {@code version} attribute, null when absent
     * @throws DumpFormatException when the root is not an export's
     */
    static ExportRoot of(String localName, String namespaceUri, String versionAttribute)
            throws DumpFormatException {
        String namespace = namespaceUri == null ? "" : namespaceUri;
        Matcher exportNamespace = EXPORT_NAMESPACE.matcher(namespace);
        boolean exportNamespaced = exportNamespace.matches();
        if (!ROOT.equals(localName) || !(namespace.isEmpty() || exportNamespaced)) {
            throw new DumpFormatException("the root element is <" + localName + ">"
                    + (namespace.isEmpty() ? " in no namespace" : " in namespace '" + namespace + "'")
                    + "; a MediaWiki export's root is <mediawiki>, in no namespace or in"
                    + " http(s)://www.mediawiki.org/xml/export-0.N/");
        }
        String attribute = versionAttribute == null ? null : versionAttribute.strip();
        String version = attribute != null && VERSION.matcher(attribute).matches() ? attribute
                : exportNamespaced ? exportNamespace.group(1)
                : null;
        return new ExportRoot(namespace, version);
    }

    /** Whether an element in {@code namespaceUri} (null or empty for none) is one of the export's own. */
    boolean contains(String namespaceUri) {
        return namespace.equals(namespaceUri == null ? "" : namespaceUri);
    }

    /**
     * Whether the declared version is one of the schemas this reader was written against (0.1 to
     * {@value #NEWEST_KNOWN}); an export that declares none counts as known.
     */
    public boolean knownVersion() {
        if (schemaVersion == null) {
            return true;
        }
        int dot = schemaVersion.indexOf('.');
        int major = Integer.parseInt(schemaVersion.substring(0, dot));
        int minor = Integer.parseInt(schemaVersion.substring(dot + 1));
        return major == 0 && minor >= 1 && minor <= NEWEST_KNOWN_MINOR;
    }
}
