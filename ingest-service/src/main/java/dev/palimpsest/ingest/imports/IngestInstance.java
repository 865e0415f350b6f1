package dev.palimpsest.ingest.imports;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * Which ingest instance this process is, in the import reports it writes. Configured
 * ({@code palimpsest.ingest.instance-id}; by default the {@code HOSTNAME} a container or pod is given, which a
 * restarted container keeps), or else a random id of this process. Two running instances must never share one: an
 * instance that starts marks the imports its id left unfinished as interrupted.
 */
@ApplicationScoped
public class IngestInstance {

    private static final Logger LOG = Logger.getLogger(IngestInstance.class);

    private final String id;

    public IngestInstance(@ConfigProperty(name = "palimpsest.ingest.instance-id") Optional<String> configured) {
        this.id = configured.map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> "ingest-" + UUID.randomUUID());
        LOG.infof("ingest instance id %s", id);
    }

    public String id() {
        return id;
    }
}
