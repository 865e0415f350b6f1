package dev.palimpsest.devstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A JVM that starts a {@link ServiceProcess} and then waits to be killed, for the test that a {@code kill -9} of
 * the parent leaves no service behind. Arguments: the service's jar, its data directory, its port.
 */
public final class OrphanedServiceHost {

    private OrphanedServiceHost() {
    }

    public static void main(String[] args) throws Exception {
        ServiceProcess service = ServiceProcess.start(new ServiceProcess.Options("orphan", Path.of(args[0]),
                Integer.parseInt(args[2]), Map.of("STAND_IN_GREETING", "orphan"), Path.of(args[1])));
        service.awaitReady(Duration.ofSeconds(60));
        System.out.println("service pid " + service.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
