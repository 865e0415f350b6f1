package dev.palimpsest.deploy.consistency;

/** One inconsistency found in a set of manifests: where (a resource or file) and what is wrong. */
public record Finding(String where, String problem) {

    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
