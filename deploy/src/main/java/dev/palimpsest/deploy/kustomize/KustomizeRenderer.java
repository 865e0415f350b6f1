package dev.palimpsest.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palimpsest.deploy.yaml.ManifestException;
import dev.palimpsest.deploy.yaml.StrictYaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization directory the way {@code kubectl apply -k} would, for the subset of kustomize the
 * Palimpsest manifests use (no kustomize binary is available where the tests run, and none is needed for this much):
 * <ol>
 *   <li>{@code resources}: YAML files (one or more documents) and directories holding a kustomization, rendered
 *       first, recursively;</li>
 *   <li>{@code patches}: {@code path} entries, each file one strategic-merge patch ({@link StrategicMerge}), applied
 *       to the resource with the patch's apiVersion, kind and name, or, with a {@code target} (kind and/or a name
 *       regular expression matching the whole name), to every resource it selects; a patch or target matching
 *       nothing is an error (kustomize fails too), and so is a patch file of several documents (kustomize's
 *       {@code patches} takes one patch per file);</li>
 *   <li>{@code images}: {@code name} → {@code newName}/{@code newTag} on every container and init container of a
 *       Deployment; an entry that rewrites nothing is an error here (kustomize would skip it silently, and a typo'd
 *       name would ship the wrong image);</li>
 *   <li>{@code namespace}: set on every resource (all of ours are namespaced).</li>
 * </ol>
 * Any other kustomize field fails to parse ({@link Kustomization}). Two resources with the same kind and name are an
 * error, as in kustomize.
 */
public final class KustomizeRenderer {

    private static final Set<String> BUILT_IN_GROUPS = Set.of("v1", "apps/v1", "policy/v1", "autoscaling/v2",
            "batch/v1", "networking.k8s.io/v1");

    public RenderedOverlay render(Path directory) {
        Set<String> externalSecrets = new LinkedHashSet<>();
        List<RenderedResource> resources = build(directory.normalize(), externalSecrets);
        return new RenderedOverlay(directory.toString(), resources, Set.copyOf(externalSecrets));
    }

    private List<RenderedResource> build(Path directory, Set<String> externalSecrets) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(directory + ": no kustomization.yaml");
        }
        Kustomization kustomization = StrictYaml.bind(StrictYaml.document(file), Kustomization.class, file.toString());
        if (!Kustomization.API_VERSION.equals(kustomization.apiVersion()) || !"Kustomization".equals(kustomization.kind())) {
            throw new ManifestException(file + ": apiVersion/kind must be " + Kustomization.API_VERSION + "/Kustomization");
        }
        externalSecrets.addAll(kustomization.externalSecrets());

        List<RenderedResource> resources = new ArrayList<>();
        for (String entry : kustomization.resourcesOrEmpty()) {
            Path resource = directory.resolve(entry).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(build(resource, externalSecrets));
            } else if (Files.isRegularFile(resource)) {
                for (JsonNode document : StrictYaml.documents(resource)) {
                    if (!(document instanceof ObjectNode object)) {
                        throw new ManifestException(resource + ": a document is not a mapping");
                    }
                    resources.add(new RenderedResource(object, directory.relativize(resource).toString()));
                }
            } else {
                throw new ManifestException(file + ": resource " + entry + " does not exist");
            }
        }
        requireUniqueIds(resources, file);

        for (Kustomization.Patch patch : kustomization.patchesOrEmpty()) {
            Path patchFile = directory.resolve(patch.path()).normalize();
            if (!Files.isRegularFile(patchFile)) {
                throw new ManifestException(file + ": patch " + patch.path() + " does not exist");
            }
            List<JsonNode> documents = StrictYaml.documents(patchFile);
            if (documents.size() != 1 || !(documents.get(0) instanceof ObjectNode document)) {
                throw new ManifestException(patchFile + ": a patch file holds exactly one patch, found " + documents.size()
                        + " documents");
            }
            applyPatch(resources, document, patch.target(), patchFile);
        }

        for (Kustomization.Image image : kustomization.imagesOrEmpty()) {
            if (rewriteImages(resources, image) == 0) {
                throw new ManifestException(file + ": images entry " + image.name() + " matches no container");
            }
        }

        if (kustomization.namespace() != null) {
            for (RenderedResource resource : resources) {
                ((ObjectNode) resource.tree()).withObjectProperty("metadata").put("namespace", kustomization.namespace());
            }
        }
        return resources;
    }

    private static void applyPatch(List<RenderedResource> resources, ObjectNode patch, Kustomization.Target selector,
                                   Path patchFile) {
        String apiVersion = patch.path("apiVersion").asText();
        List<RenderedResource> targets;
        if (selector == null) {
            String kind = patch.path("kind").asText();
            String name = patch.path("metadata").path("name").asText();
            targets = resources.stream()
                    .filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind) && r.name().equals(name))
                    .toList();
            if (targets.isEmpty()) {
                throw new ManifestException(patchFile + ": patch for " + apiVersion + " " + kind + "/" + name
                        + " matches no resource");
            }
        } else {
            targets = resources.stream()
                    .filter(r -> selector.kind() == null || r.kind().equals(selector.kind()))
                    .filter(r -> selector.name() == null || Pattern.matches(selector.name(), r.name()))
                    .toList();
            if (targets.isEmpty()) {
                throw new ManifestException(patchFile + ": target " + selector + " selects no resource");
            }
        }
        for (RenderedResource target : targets) {
            ObjectNode applied = patch.deepCopy();
            // a targeted patch's own name is a placeholder: kustomize applies it under each target's name
            applied.withObjectProperty("metadata").put("name", target.name());
            try {
                StrategicMerge.apply((ObjectNode) target.tree(), applied, BUILT_IN_GROUPS.contains(target.apiVersion()),
                        patchFile.toString());
            } catch (IllegalArgumentException e) {
                throw new ManifestException(e.getMessage(), e);
            }
        }
    }

    private static int rewriteImages(List<RenderedResource> resources, Kustomization.Image image) {
        int rewritten = 0;
        for (RenderedResource resource : resources) {
            if (!resource.kind().equals("Deployment")) {
                continue;
            }
            JsonNode podSpec = resource.tree().path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : podSpec.path(list)) {
                    String current = container.path("image").asText();
                    ImageReference reference = ImageReference.parse(current);
                    if (reference.repository().equals(image.name())) {
                        String repository = image.newName() == null ? reference.repository() : image.newName();
                        String tag = image.newTag() == null ? reference.tag() : image.newTag();
                        ((ObjectNode) container).put("image", tag == null ? repository : repository + ":" + tag);
                        rewritten++;
                    }
                }
            }
        }
        return rewritten;
    }

    private static void requireUniqueIds(List<RenderedResource> resources, Path file) {
        Set<String> ids = new HashSet<>();
        for (RenderedResource resource : resources) {
            if (!ids.add(resource.apiVersion() + " " + resource.id())) {
                throw new ManifestException(file + ": " + resource.id() + " is defined twice");
            }
        }
    }
}
