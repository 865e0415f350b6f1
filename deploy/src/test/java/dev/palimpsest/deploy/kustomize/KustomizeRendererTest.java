package dev.palimpsest.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.deploy.yaml.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kustomize subset, on small trees: what kubectl apply -k would produce for each feature used. */
class KustomizeRendererTest {

    private static final String KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: front}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                    - name: web
                      image: palimpsest/web:1.0
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      ports:
                        - {name: http, containerPort: 8080}
                    - name: sidecar
                      image: busybox:1
            ---
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata: {name: topic}
            spec:
              partitions: 3
              config: {retention.ms: -1, min.insync.replicas: 1}
              list: [a, b]
            """;

    @TempDir
    Path directory;

    private Path write(String file, String text) throws IOException {
        Path path = directory.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    private List<RenderedResource> renderOverlay(String kustomization, String patch) throws IOException {
        write("base/kustomization.yaml", KUSTOMIZATION + "resources: [app.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", KUSTOMIZATION + kustomization);
        if (patch != null) {
            write("overlay/patch.yaml", patch);
        }
        return new KustomizeRenderer().render(directory.resolve("overlay")).resources();
    }

    private static JsonNode find(List<RenderedResource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow().tree();
    }

    @Test
    void aDirectoryResourceIsRenderedWithItsOwnKustomizationAndTheNamespaceReachesEveryResource() throws IOException {
        List<RenderedResource> resources = renderOverlay("namespace: archive\nresources: [../base]\n", null);

        assertEquals(List.of("Deployment/web", "KafkaTopic/topic"), resources.stream().map(RenderedResource::id).toList());
        resources.forEach(r -> assertEquals("archive", r.tree().path("metadata").path("namespace").asText()));
    }

    @Test
    void mapsMergeKeyByKeyAndANullRemovesAKey() throws IOException {
        List<RenderedResource> resources = renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {tier: null, zone: b}
                spec:
                  replicas: 3
                """);

        JsonNode deployment = find(resources, "Deployment");
        assertEquals(3, deployment.path("spec").path("replicas").asInt());
        assertEquals("web", deployment.path("metadata").path("labels").path("app").asText());
        assertEquals("b", deployment.path("metadata").path("labels").path("zone").asText());
        assertFalse(deployment.path("metadata").path("labels").has("tier"));
    }

    @Test
    void containersAndEnvOfABuiltInKindMergeByNameAndNewElementsAreAppended() throws IOException {
        List<RenderedResource> resources = renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - {name: B, value: "20"}
                            - {name: C, value: "3"}
                """);

        JsonNode containers = find(resources, "Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(2, containers.size(), "the sidecar is kept");
        JsonNode web = containers.get(0);
        assertEquals("palimpsest/web:1.0", web.path("image").asText(), "fields the patch does not name are kept");
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"}]",
                web.path("env").toString());
        assertEquals(8080, web.path("ports").get(0).path("containerPort").asInt());
    }

    @Test
    void aListOfACustomResourceIsReplacedWholeAndItsMapsMerge() throws IOException {
        List<RenderedResource> resources = renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: topic}
                spec:
                  partitions: 6
                  config: {min.insync.replicas: 2}
                  list: [c]
                """);

        JsonNode spec = find(resources, "KafkaTopic").path("spec");
        assertEquals(6, spec.path("partitions").asInt());
        assertEquals(-1, spec.path("config").path("retention.ms").asInt());
        assertEquals(2, spec.path("config").path("min.insync.replicas").asInt());
        assertEquals("[\"c\"]", spec.path("list").toString());
    }

    @Test
    void aTargetedPatchAppliesToEveryResourceItSelectsWhateverNameThePatchCarries() throws IOException {
        write("base/kustomization.yaml", KUSTOMIZATION + "resources: [app.yaml, topics.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);
        write("base/topics.yaml", """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: log-a}
                spec: {partitions: 3}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: log-b}
                spec: {partitions: 3}
                """);
        write("overlay/kustomization.yaml", KUSTOMIZATION + """
                resources: [../base]
                patches:
                  - path: patch.yaml
                    target: {kind: KafkaTopic, name: log-.*}
                """);
        write("overlay/patch.yaml", """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: placeholder}
                spec: {partitions: 6}
                """);

        List<RenderedResource> resources = new KustomizeRenderer().render(directory.resolve("overlay")).resources();

        assertEquals(List.of("topic:3", "log-a:6", "log-b:6"), resources.stream().filter(r -> r.kind().equals("KafkaTopic"))
                .map(r -> r.name() + ":" + r.tree().path("spec").path("partitions").asInt()).toList());
    }

    @Test
    void aTargetNameIsARegularExpressionOverTheWholeName() throws IOException {
        ManifestException error = assertThrows(ManifestException.class, () -> renderOverlay("""
                resources: [../base]
                patches:
                  - path: patch.yaml
                    target: {kind: KafkaTopic, name: top}
                """, "apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: {name: x}\nspec: {partitions: 6}\n"));
        assertTrue(error.getMessage().contains("selects no resource"), error.getMessage());
    }

    @Test
    void aPatchFileOfSeveralDocumentsIsRefusedAsKustomizeRefusesIt() throws IOException {
        ManifestException error = assertThrows(ManifestException.class,
                () -> renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec: {replicas: 3}
                        ---
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaTopic
                        metadata: {name: topic}
                        spec: {partitions: 6}
                        """));
        assertTrue(error.getMessage().contains("exactly one patch, found 2"), error.getMessage());
    }

    @Test
    void imagesRewriteTheRepositoryAndTagOfMatchingContainersOnly() throws IOException {
        List<RenderedResource> resources = renderOverlay("""
                resources: [../base]
                images:
                  - {name: palimpsest/web, newName: registry.example.org/palimpsest/web, newTag: "2.0"}
                """, null);

        JsonNode containers = find(resources, "Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals("registry.example.org/palimpsest/web:2.0", containers.get(0).path("image").asText());
        assertEquals("busybox:1", containers.get(1).path("image").asText());
    }

    @Test
    void anImagesEntryThatRewritesNothingIsAnError() throws IOException {
        ManifestException error = assertThrows(ManifestException.class, () -> renderOverlay("""
                resources: [../base]
                images:
                  - {name: palimpsest/wbe, newTag: "2.0"}
                """, null));
        assertTrue(error.getMessage().contains("palimpsest/wbe"), error.getMessage());
    }

    @Test
    void aPatchWhoseTargetDoesNotExistIsAnError() throws IOException {
        ManifestException error = assertThrows(ManifestException.class,
                () -> renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: wbe}
                        spec: {replicas: 3}
                        """));
        assertTrue(error.getMessage().contains("Deployment/wbe matches no resource"), error.getMessage());
    }

    @Test
    void aPatchDirectiveIsRefusedRatherThanMisapplied() throws IOException {
        ManifestException error = assertThrows(ManifestException.class,
                () -> renderOverlay("resources: [../base]\npatches:\n  - path: patch.yaml\n", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          $patch: replace
                          replicas: 3
                        """));
        assertTrue(error.getMessage().contains("$patch"), error.getMessage());
    }

    @Test
    void theSameResourceTwiceIsAnError() throws IOException {
        write("base/other.yaml", DEPLOYMENT.substring(0, DEPLOYMENT.indexOf("---")));
        write("base/kustomization.yaml", KUSTOMIZATION + "resources: [app.yaml, other.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);

        ManifestException error = assertThrows(ManifestException.class,
                () -> new KustomizeRenderer().render(directory.resolve("base")));
        assertTrue(error.getMessage().contains("Deployment/web is defined twice"), error.getMessage());
    }

    @Test
    void aMissingResourceFileIsAnError() throws IOException {
        write("base/kustomization.yaml", KUSTOMIZATION + "resources: [app.yaml, missing.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);

        ManifestException error = assertThrows(ManifestException.class,
                () -> new KustomizeRenderer().render(directory.resolve("base")));
        assertTrue(error.getMessage().contains("missing.yaml does not exist"), error.getMessage());
    }

    @Test
    void anImageReferenceKeepsARegistryPortOutOfTheTag() {
        assertEquals(new ImageReference("registry:5000/palimpsest/web", null), ImageReference.parse("registry:5000/palimpsest/web"));
        assertEquals(new ImageReference("registry:5000/palimpsest/web", "1.0"), ImageReference.parse("registry:5000/palimpsest/web:1.0"));
        assertEquals("palimpsest/web", ImageReference.parse("registry:5000/palimpsest/web:1.0").groupAndName());
    }
}
