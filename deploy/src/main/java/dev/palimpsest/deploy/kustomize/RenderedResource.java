package dev.palimpsest.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/** One Kubernetes object after rendering, with the file it came from (for messages). */
public record RenderedResource(JsonNode tree, String source) {

    public String apiVersion() {
        return tree.path("apiVersion").asText();
    }

    public String kind() {
        return tree.path("kind").asText();
    }

    public String name() {
        return tree.path("metadata").path("name").asText();
    }

    /** kind/name, how kustomize and kubectl name an object. */
    public String id() {
        return kind() + "/" + name();
    }
}
