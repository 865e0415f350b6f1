package dev.palimpsest.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.deploy.SourceTree;
import dev.palimpsest.deploy.compose.ComposeChecks;
import dev.palimpsest.deploy.compose.ComposeFile;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.consistency.ServiceConfiguration;
import dev.palimpsest.deploy.kubernetes.KubernetesManifests;
import dev.palimpsest.deploy.kustomize.KustomizeRenderer;
import dev.palimpsest.deploy.yaml.StrictYaml;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/observability's scrape configurations reach the services as the deployments run them: Compose's static
 * targets are the compose services on their HTTP ports, and the Kubernetes pod discovery keeps exactly the pods the
 * overlays label, on the container port it names. A renamed service or a moved port fails here, not as an empty
 * dashboard.
 */
class ScrapeConfigurationTest {

    private static final Repository REPOSITORY = SourceTree.repository();
    private static final Path OBSERVABILITY = SourceTree.root().resolve("deploy/observability");
    private static final String METRICS_PATH = "/q/metrics";
    private static final String NAME_LABEL = "__meta_kubernetes_pod_label_app_kubernetes_io_name";
    private static final String PORT_NAME_LABEL = "__meta_kubernetes_pod_container_port_name";

    @Test
    void everyServiceServesPrometheusMetrics() {
        for (String service : Repository.SERVICE_NAMES) {
            assertTrue(REPOSITORY.services().get(service).extensions().contains("quarkus-micrometer-registry-prometheus"),
                    service + " has no Prometheus registry, so nothing answers at " + METRICS_PATH);
        }
    }

    @Test
    void composeTargetsAreTheComposeServicesOnTheirHttpPorts() {
        ComposeFile compose = ComposeChecks.read(SourceTree.compose().resolve("docker-compose.yml"));
        Map<String, String> targets = new TreeMap<>();
        for (JsonNode job : StrictYaml.document(OBSERVABILITY.resolve("prometheus.yml")).path("scrape_configs")) {
            assertEquals(METRICS_PATH, job.path("metrics_path").asText(), job.path("job_name").asText());
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode target : staticConfig.path("targets")) {
                    targets.put(job.path("job_name").asText(), target.asText());
                }
            }
        }

        Map<String, String> expected = new TreeMap<>();
        for (String service : Repository.SERVICE_NAMES) {
            ServiceConfiguration configuration = REPOSITORY.services().get(service);
            assertTrue(compose.services().containsKey(service), "compose has no service " + service);
            expected.put(service, service + ":" + configuration.httpPort());
        }
        assertEquals(expected, targets, "one job per service, named after it, scraping it on its HTTP port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesDiscoveryKeepsEveryServicePodOnItsHttpPort(String overlay) {
        List<JsonNode> relabelling = new ArrayList<>();
        StrictYaml.document(OBSERVABILITY.resolve("prometheus-kubernetes.yml")).path("scrape_configs")
                .forEach(job -> {
                    assertEquals(METRICS_PATH, job.path("metrics_path").asText());
                    job.path("relabel_configs").forEach(relabelling::add);
                });
        Pattern keptNames = keptBy(relabelling, NAME_LABEL);
        Pattern keptPorts = keptBy(relabelling, PORT_NAME_LABEL);
        KubernetesManifests manifests = KubernetesManifests.bind(
                new KustomizeRenderer().render(SourceTree.kubernetes().resolve("overlays/" + overlay)));

        Set<String> scraped = new TreeSet<>();
        for (Deployment deployment : manifests.deployments()) {
            String name = deployment.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name");
            if (name == null || !keptNames.matcher(name).matches()) {
                continue;
            }
            scraped.add(name);
            int httpPort = REPOSITORY.services().get(name).httpPort();
            List<Integer> keptContainerPorts = new ArrayList<>();
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    if (port.getName() != null && keptPorts.matcher(port.getName()).matches()) {
                        keptContainerPorts.add(port.getContainerPort());
                    }
                }
            }
            assertEquals(List.of(httpPort), keptContainerPorts,
                    overlay + ": " + name + "'s pods are scraped on exactly its HTTP port");
        }
        assertEquals(new TreeSet<>(Repository.SERVICE_NAMES), scraped, overlay + ": every service's pods are scraped");
    }

    /** The regex of the {@code keep} rule on {@code label}: a target whose label does not match it is dropped. */
    private static Pattern keptBy(List<JsonNode> relabelling, String label) {
        List<Pattern> kept = relabelling.stream()
                .filter(rule -> "keep".equals(rule.path("action").asText()))
                .filter(rule -> rule.path("source_labels").size() == 1
                        && label.equals(rule.path("source_labels").get(0).asText()))
                .map(rule -> Pattern.compile(rule.path("regex").asText()))
                .toList();
        assertEquals(1, kept.size(), "one keep rule on " + label);
        return kept.get(0);
    }
}
