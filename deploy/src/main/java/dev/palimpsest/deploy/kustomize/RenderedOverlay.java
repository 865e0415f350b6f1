package dev.palimpsest.deploy.kustomize;

import java.util.List;
import java.util.Set;

/**
 * What {@code kubectl apply -k DIR} would send, as far as {@link KustomizeRenderer}'s subset goes: the resources in
 * order, and the Secrets the overlay declares as created from outside.
 */
public record RenderedOverlay(String directory, List<RenderedResource> resources, Set<String> externalSecrets) {
}
