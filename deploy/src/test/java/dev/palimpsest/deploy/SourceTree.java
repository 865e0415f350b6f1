package dev.palimpsest.deploy;

import dev.palimpsest.deploy.consistency.Repository;

import java.nio.file.Path;

/** Where the tests find the repository (set by surefire) and the manifests under deploy/. */
public final class SourceTree {

    private SourceTree() {
    }

    public static Path root() {
        String root = System.getProperty("palimpsest.repository.root");
        return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }

    public static Repository repository() {
        return Repository.at(root());
    }

    public static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    public static Path compose() {
        return root().resolve("deploy/compose");
    }
}
