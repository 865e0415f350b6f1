package dev.palimpsest.deploy.compose;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A Compose file (compose-spec), the subset Palimpsest's uses, in the forms it uses them: environment as a map,
 * ports and volumes in short syntax, depends_on with conditions, healthcheck test as a list. Bound with unknown
 * fields refused: a misspelt key ({@code healtcheck}, {@code enviroment}) fails instead of being ignored by Compose's
 * own lenient reading of extension fields.
 */
public record ComposeFile(String name, Map<String, Service> services, Map<String, NamedVolume> volumes) {

    public record Service(String image,
                          Map<String, String> environment,
                          List<String> ports,
                          List<String> volumes,
                          @JsonProperty("depends_on") Map<String, Dependency> dependsOn,
                          Healthcheck healthcheck,
                          List<String> entrypoint,
                          List<String> command,
                          String restart,
                          @JsonProperty("mem_limit") String memLimit) {

        public Map<String, String> environmentOrEmpty() {
            return environment == null ? Map.of() : environment;
        }

        public List<String> portsOrEmpty() {
            return ports == null ? List.of() : ports;
        }

        public List<String> volumesOrEmpty() {
            return volumes == null ? List.of() : volumes;
        }

        public Map<String, Dependency> dependsOnOrEmpty() {
            return dependsOn == null ? Map.of() : dependsOn;
        }
    }

    /** {@code condition}: service_started, service_healthy or service_completed_successfully. */
    public record Dependency(String condition) {
    }

    public record Healthcheck(List<String> test, String interval, String timeout, Integer retries,
                              @JsonProperty("start_period") String startPeriod) {
    }

    /** A top-level named volume; {@code kafka-data:} with nothing after it is a default local volume. */
    public record NamedVolume(String driver, String name, Boolean external) {
    }
}
