package dev.palimpsest.archive.history;

import dev.palimpsest.events.MediaWikiSource;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The MediaWiki source of an imported revision, as columns of its row; all null for other revisions. */
@Embeddable
public class SourceColumns {

    @Column(name = "source_database", updatable = false)
    public String database;

    @Column(name = "source_page_id", updatable = false)
    public Long pageId;

    @Column(name = "source_page_namespace", updatable = false)
    public Integer pageNamespace;

    @Column(name = "source_minor_edit", updatable = false)
    public Boolean minorEdit;

    @Column(name = "source_content_model", updatable = false)
    public String contentModel;

    @Column(name = "source_content_format", updatable = false)
    public String contentFormat;

    @Column(name = "source_sha1_base36", updatable = false)
    public String sha1Base36;

    @Column(name = "source_import_id", updatable = false)
    public String importId;

    static SourceColumns of(MediaWikiSource source) {
        SourceColumns columns = new SourceColumns();
        if (source != null) {
            columns.database = source.database();
            columns.pageId = source.pageId();
            columns.pageNamespace = source.pageNamespace();
            columns.minorEdit = source.revMinorEdit();
            columns.contentModel = source.revContentModel();
            columns.contentFormat = source.revContentFormat();
            columns.sha1Base36 = source.revSha1Base36();
            columns.importId = source.importId();
        }
        return columns;
    }

    MediaWikiSource toSource() {
        return database == null ? null : new MediaWikiSource(database, pageId, pageNamespace,
                Boolean.TRUE.equals(minorEdit), contentModel, contentFormat, sha1Base36, importId);
    }
}
