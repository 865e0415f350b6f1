package dev.palimpsest.devstack.launcher;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a Quarkus service in {@link ServiceProcessTest}: a main class packed alone into a jar, run by
 * {@link ServiceProcess} like a {@code quarkus-run.jar}. It answers {@code /q/health/ready} on
 * {@code QUARKUS_HTTP_PORT} (503 until {@code STAND_IN_READY_AFTER_MS} have passed), echoes
 * {@code STAND_IN_GREETING}, exits at once with {@code STAND_IN_EXIT_CODE} when that is set, and says so when a
 * polite signal ends it.
 */
public final class ReadinessStandIn {

    private ReadinessStandIn() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("stand-in greeting: " + System.getenv("STAND_IN_GREETING"));
        String exitCode = System.getenv("STAND_IN_EXIT_CODE");
        if (exitCode != null) {
            System.out.println("stand-in failing on purpose");
            System.exit(Integer.parseInt(exitCode));
        }
        long readyAt = System.currentTimeMillis()
                + Long.parseLong(System.getenv().getOrDefault("STAND_IN_READY_AFTER_MS", "0"));
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/q/health/ready", exchange -> {
            boolean ready = System.currentTimeMillis() >= readyAt;
            byte[] body = (ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stand-in stopping gracefully")));
        server.start();
        System.out.println("stand-in listening on " + port);
    }
}
