package dev.palimpsest.ingest.mediawiki;

/** What reading a dump yields, in document order: revisions, and the items that could not be read as one. */
public sealed interface DumpItem permits DumpRevision, DumpRejection {
}
