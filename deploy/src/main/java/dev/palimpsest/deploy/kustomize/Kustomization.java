package dev.palimpsest.deploy.kustomize;

import java.util.List;
import java.util.Map;

/**
 * A {@code kustomization.yaml}, restricted to the fields {@link KustomizeRenderer} implements. Any other kustomize
 * field (commonLabels, configMapGenerator, replacements, …) fails the parse instead of being silently skipped by a
 * renderer that does not know it.
 */
public record Kustomization(String apiVersion, String kind, Metadata metadata, String namespace,
                            List<String> resources, List<Patch> patches, List<Image> images) {

    public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    /**
     * Names Secrets the overlay expects to exist in the cluster without being rendered (created from outside,
     * e.g. the production database passwords): comma-separated, on the kustomization's own metadata.
     */
    public static final String EXTERNAL_SECRETS_ANNOTATION = "palimpsest.dev/external-secrets";

    public record Metadata(String name, Map<String, String> annotations) {
    }

    /**
     * A strategic-merge patch file (one document, as kustomize's {@code patches} requires). Without a target it
     * applies to the resource with the patch's apiVersion, kind and name; with one, to every resource the target
     * selects, whatever name the patch carries.
     */
    public record Patch(String path, Target target) {
    }

    /** Selects resources by kind and by name, a regular expression matching the whole name (kustomize's rule). */
    public record Target(String kind, String name) {
    }

    /** Rewrites container images named {@code name} (repository without tag) to {@code newName:newTag}. */
    public record Image(String name, String newName, String newTag) {
    }

    public List<String> resourcesOrEmpty() {
        return resources == null ? List.of() : resources;
    }

    public List<Patch> patchesOrEmpty() {
        return patches == null ? List.of() : patches;
    }

    public List<Image> imagesOrEmpty() {
        return images == null ? List.of() : images;
    }

    public List<String> externalSecrets() {
        if (metadata == null || metadata.annotations() == null) {
            return List.of();
        }
        String names = metadata.annotations().get(EXTERNAL_SECRETS_ANNOTATION);
        return names == null ? List.of()
                : java.util.Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
