package dev.palimpsest.query.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The pages' templates ({@code src/main/resources/templates/web/}), checked against these views when the service is
 * built: a template naming a field its view lacks fails the build, not a reader's request.
 */
@CheckedTemplate(basePath = "web")
public final class Templates {

    private Templates() {
    }

    public static native TemplateInstance articles(ArticleListView page);

    public static native TemplateInstance revision(RevisionPageView page);

    public static native TemplateInstance history(HistoryView page);

    public static native TemplateInstance timeline(TimelineView page);

    /** The timeline's revision alone: what its script swaps in when the slider moves. */
    public static native TemplateInstance timelineRevision(TimelineView page);

    public static native TemplateInstance compare(CompareView page);

    public static native TemplateInstance error(ErrorView page);

    public static native TemplateInstance who(WhoView page);
}
