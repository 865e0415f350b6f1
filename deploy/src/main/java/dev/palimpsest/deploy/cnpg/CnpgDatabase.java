package dev.palimpsest.deploy.cnpg;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * CloudNativePG's {@code Database} ({@code postgresql.cnpg.io/v1}): a database the operator creates in a cluster,
 * with its owner. Our own record, for the fields we use (see {@link CnpgCluster} for why).
 */
public record CnpgDatabase(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public record Spec(String name, String owner, ClusterReference cluster, String ensure) {
    }

    public record ClusterReference(String name) {
    }
}
