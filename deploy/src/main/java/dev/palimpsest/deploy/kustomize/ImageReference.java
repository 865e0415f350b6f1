package dev.palimpsest.deploy.kustomize;

/**
 * A container image reference split into repository (registry and path) and tag; a registry's port
 * ({@code host:5000/x}) is not mistaken for a tag.
 */
public record ImageReference(String repository, String tag) {

    public static ImageReference parse(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, null);
    }

    /** The repository's last two path segments (group/name), what Jib's group and name give. */
    public String groupAndName() {
        String[] segments = repository.split("/");
        return segments.length < 2 ? repository : segments[segments.length - 2] + "/" + segments[segments.length - 1];
    }
}
