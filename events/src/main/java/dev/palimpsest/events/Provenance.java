package dev.palimpsest.events;

import java.time.Instant;

/**
 * Who made a revision, when, under which title and with what summary, and where it sits in the source's own
 * numbering: what a revision says of itself. It travels as one value from submission to the archive and on to the
 * read model; on the wire its fields stay those of the flat events before it ({@code page_title},
 * {@code rev_timestamp}, …).
 *
 * @param pageTitle    the page's title at this revision; a submission may leave it out (the archive then names the
 *                     page by its key, and its answer always carries one)
 * @param revTimestamp when the edit was made (valid time)
 * @param revId        the revision's id at the source (MediaWiki's {@code rev_id}), unique per article when present
 * @param revParentId  the source's id of the revision this one was edited from
 * @param performer    who made it; null when the source does not say
 * @param comment      the edit summary
 */
public record Provenance(String pageTitle, Instant revTimestamp, Long revId, Long revParentId, Performer performer,
                         String comment) {
}
