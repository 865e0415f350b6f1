package dev.palimpsest.deploy.consistency;

import dev.palimpsest.deploy.SourceTree;
import dev.palimpsest.deploy.compose.ComposeChecks;
import dev.palimpsest.deploy.kubernetes.KubernetesChecks;
import dev.palimpsest.deploy.kubernetes.KubernetesManifests;
import dev.palimpsest.deploy.kustomize.KustomizeRenderer;
import dev.palimpsest.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the services read, as taken from their sources, and the checks following a change on the services' side. */
class ServiceConfigurationTest {

    private static final Repository REPOSITORY = SourceTree.repository();

    @Test
    void environmentNamesFollowMicroProfileConfigsRule() {
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", ServiceConfiguration.environmentName("kafka.bootstrap.servers"));
        assertEquals("PALIMPSEST_INGEST_QUERY_URL", ServiceConfiguration.environmentName("palimpsest.ingest.query-url"));
        assertEquals("QUARKUS_LOG_CATEGORY__IO_SMALLRYE_HEALTH__LEVEL",
                ServiceConfiguration.environmentName("quarkus.log.category.\"io.smallrye.health\".level"));
    }

    @Test
    void eachServiceNeedsTheAddressesItDefaultsToLocalhostForAndItsCredentials() {
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "PALIMPSEST_INGEST_QUERY_URL", "MP_JWT_VERIFY_ISSUER",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION"), REPOSITORY.services().get("ingest-service").requiredEnvironment().keySet());
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        "PALIMPSEST_LOG_SIGNING_KEY_LOCATION"),
                REPOSITORY.services().get("archive-service").requiredEnvironment().keySet());
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                REPOSITORY.services().get("query-service").requiredEnvironment().keySet());
    }

    @Test
    void aServiceReadsOnlyThePropertiesOfItsOwnExtensionsAndFiles() {
        // query-service verifies tokens (its /admin operations) but has no retry settings of the archive's
        assertEquals(Optional.of("mp.jwt.verify.issuer"),
                REPOSITORY.services().get("query-service").propertyFor("MP_JWT_VERIFY_ISSUER"));
        assertEquals(Optional.empty(),
                REPOSITORY.services().get("query-service").propertyFor("PALIMPSEST_ARCHIVE_RETRY_MAX_BACKOFF"));
        assertEquals(Optional.of("mp.jwt.verify.issuer"),
                REPOSITORY.services().get("archive-service").propertyFor("MP_JWT_VERIFY_ISSUER"));
        assertEquals(Optional.of("palimpsest.archive.retry.max-backoff"),
                REPOSITORY.services().get("archive-service").propertyFor("PALIMPSEST_ARCHIVE_RETRY_MAX_BACKOFF"));
    }

    @Test
    void portsHealthPathsAndImagesComeFromTheServicesConfiguration() {
        ServiceConfiguration query = REPOSITORY.services().get("query-service");

        assertEquals(8080, query.httpPort());
        assertEquals(Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started"), query.healthPaths());
        assertEquals("palimpsest/query-service", query.imageGroupAndName());
        assertEquals(8081, REPOSITORY.services().get("ingest-service").httpPort());
        assertEquals(8082, REPOSITORY.services().get("archive-service").httpPort());
    }

    @Test
    void theChannelsUseTheTopicsOfTheEventsModuleAndDistinctGroups() {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (ServiceConfiguration service : REPOSITORY.services().values()) {
            for (String direction : List.of("incoming", "outgoing")) {
                service.channels(direction).forEach(c -> assertTrue(Repository.eventTopics().contains(c.topic()), c.topic()));
            }
            service.incoming().forEach(c -> groups.computeIfAbsent(service.name(), name -> new TreeSet<>())
                    .add(c.groupId()));
        }
        // query-service reads the log checkpoints in a group of their own: joining its consumers of the archived
        // topic, that consumer would make every one of them rebalance
        assertEquals(Map.of("archive-service", Set.of("palimpsest-archive"), "query-service",
                Set.of("palimpsest-query", "palimpsest-query-checkpoints", "palimpsest-query-text-keys")), groups);
        assertEquals(List.of(Topics.ARCHIVED_DLQ, Topics.IMPORTS, Topics.LOG_CHECKPOINTS, Topics.REVISIONS_ARCHIVED,
                        Topics.REVISIONS_DLQ, Topics.REVISIONS_SUBMITTED, Topics.TEXT_KEYS),
                Repository.eventTopics());
    }

    // ---- a change on the services' side reaches the manifests' checks -------------------------------------------

    private static Repository changed(String service, Consumer<Map<String, String>> change) {
        Map<String, ServiceConfiguration> services = new LinkedHashMap<>(REPOSITORY.services());
        ServiceConfiguration original = services.get(service);
        Map<String, String> properties = new TreeMap<>(original.properties());
        change.accept(properties);
        services.put(service, new ServiceConfiguration(service, properties, original.extensions()));
        return new Repository(REPOSITORY.root(), REPOSITORY.projectVersion(), REPOSITORY.kafkaVersion(),
                REPOSITORY.postgresMajorVersion(), services);
    }

    private static List<String> kubernetesFindings(Repository repository) {
        return KubernetesChecks.check(KubernetesManifests.bind(new KustomizeRenderer()
                .render(SourceTree.kubernetes().resolve("overlays/prod"))), repository).stream().map(Finding::toString).toList();
    }

    private static List<String> composeFindings(Repository repository) {
        return ComposeChecks.check(SourceTree.compose().resolve("docker-compose.yml"), repository).stream()
                .map(Finding::toString).toList();
    }

    @Test
    void aServiceMovedToAnotherPortIsReportedInBothDeployments() {
        Repository moved = changed("query-service", p -> p.put("quarkus.http.port", "9090"));

        assertTrue(kubernetesFindings(moved).contains(
                "Deployment/query-service: no container port 9090 (query-service's quarkus.http.port); declared [8080]"),
                () -> kubernetesFindings(moved).toString());
        assertTrue(composeFindings(moved).stream().anyMatch(f -> f.startsWith("query-service: ports [8080:8080] do not publish container port 9090")),
                () -> composeFindings(moved).toString());
    }

    @Test
    void aRenamedPropertyLeavesItsEnvironmentVariableReportedAsUnread() {
        Repository renamed = changed("ingest-service", p -> p.put("palimpsest.ingest.public-query-url", p.remove("palimpsest.ingest.query-url")));

        assertTrue(kubernetesFindings(renamed).stream().anyMatch(f -> f.contains(
                "environment variable PALIMPSEST_INGEST_QUERY_URL (from ConfigMap ingest-service-config) sets nothing ingest-service reads")));
        assertTrue(composeFindings(renamed).contains(
                "ingest-service: ingest-service needs environment variable PALIMPSEST_INGEST_PUBLIC_QUERY_URL "
                        + "(palimpsest.ingest.public-query-url defaults to http://localhost:8080)"), () -> composeFindings(renamed).toString());
    }

    @Test
    void twoServicesInOneConsumerGroupAreReported() {
        Repository shared = changed("query-service",
                p -> p.put("mp.messaging.incoming.revisions-archived.group.id", "palimpsest-archive"));

        assertTrue(kubernetesFindings(shared).contains(
                "query-service: group.id palimpsest-archive is also archive-service's: they would split one stream"),
                () -> kubernetesFindings(shared).toString());
    }

    @Test
    void aProducerAllowedLargerRecordsThanTheTopicsTakeIsReported() {
        Repository larger = changed("ingest-service",
                p -> p.put("mp.messaging.outgoing.revisions-submitted.max.request.size", "67108864"));

        assertTrue(kubernetesFindings(larger).contains("KafkaTopic/revisions-submitted: max.message.bytes 33554432 is below "
                + "ingest-service's max.request.size 67108864 for channel revisions-submitted"), () -> kubernetesFindings(larger).toString());
    }
}
