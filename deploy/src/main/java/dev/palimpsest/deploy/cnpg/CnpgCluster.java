package dev.palimpsest.deploy.cnpg;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;

/**
 * CloudNativePG's {@code Cluster} ({@code postgresql.cnpg.io/v1}), only the fields Palimpsest's manifests use.
 *
 * <p>CloudNativePG publishes no Java model on Maven Central, so these records are ours: the subset of the CRD's
 * schema we write, with its field names and nesting (api reference: cloudnative-pg.io/documentation, "API
 * Reference", {@code ClusterSpec}). They are bound with unknown fields refused ({@code StrictYaml}): a field
 * outside this subset fails the parse, whether it is a typo or a real CNPG field we have not modelled yet — the
 * latter is added here, deliberately.
 */
public record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public static final String API_VERSION = "postgresql.cnpg.io/v1";

    public record Spec(Integer instances, String imageName, Bootstrap bootstrap, Managed managed, Storage storage,
                       ResourceRequirements resources) {
    }

    public record Bootstrap(InitDb initdb) {
    }

    /** The database created with the cluster, its owner, and the basic-auth Secret holding the owner's password. */
    public record InitDb(String database, String owner, LocalReference secret) {
    }

    public record Managed(List<Role> roles) {
    }

    /** A role the operator keeps as declared; its password comes from a basic-auth Secret. */
    public record Role(String name, String ensure, Boolean login, LocalReference passwordSecret) {
    }

    public record Storage(String size, String storageClass) {
    }

    public record LocalReference(String name) {
    }

    /** The Service the operator creates in front of the primary: where read-write clients connect. */
    public String readWriteService() {
        return metadata.getName() + "-rw";
    }

    public int instanceCount() {
        return spec.instances() == null ? 1 : spec.instances();
    }

    public List<Role> managedRoles() {
        return spec.managed() == null || spec.managed().roles() == null ? List.of() : spec.managed().roles();
    }
}
