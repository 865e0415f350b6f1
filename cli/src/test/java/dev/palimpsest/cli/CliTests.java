package dev.palimpsest.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A terminal whose output the tests read, and a stand-in service for the commands that start work and follow it. */
final class CliTests {

    private CliTests() {
    }

    static Terminal terminal(ByteArrayOutputStream out, ByteArrayOutputStream err, boolean interactive) {
        Terminal terminal = new Terminal();
        terminal.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        terminal.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        terminal.interactive = interactive;
        terminal.noColor = false;
        return terminal;
    }

    /** What a stand-in service does with a request before it answers it (read its body, its headers). */
    interface RequestSeen {
        void accept(HttpExchange exchange) throws IOException;
    }

    /**
     * A started stand-in service on a free loopback port: every request to {@code path} is shown to {@code seen};
     * a POST is then answered {@code postStatus} with {@code postBody}, any other request 200 with the next of
     * {@code polls} (the last one again once they run out).
     */
    static HttpServer standIn(String path, RequestSeen seen, int postStatus, String postBody, String... polls)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger polled = new AtomicInteger();
        server.createContext(path, exchange -> {
            seen.accept(exchange);
            if (exchange.getRequestMethod().equals("POST")) {
                respond(exchange, postStatus, postBody);
            } else {
                respond(exchange, 200, polls[Math.min(polled.getAndIncrement(), polls.length - 1)]);
            }
        });
        server.start();
        return server;
    }

    /** The stand-in's base URL. */
    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers with {@code body}: problem+json from 400 on, JSON below, as the services do. */
    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
