package dev.palimpsest.problem.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange on a plain socket, the request sent byte for byte as given: what HTTP clients refuse to
 * send (a 20,000-byte request line, 30 KB of headers, an invalid percent-encoding, a malformed request line, a
 * length announced but not sent) reaches the server as such, so that what its HTTP layer answers before any route
 * runs can be tested.
 */
public final class HttpOnTheWire {

    private static final int TIMEOUT_MILLIS = 30_000;

    private HttpOnTheWire() {
    }

    /** What the server answered: its status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        /** The header's first value, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A request of {@code method} for {@code target} (sent as written), with {@code Host}, the given header lines,
     * {@code Connection: close}, and the body with its {@code Content-Length} if there is one.
     */
    public static byte[] request(String method, String target, List<byte[]> headerLines, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.UTF_8));
        request.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        request.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.UTF_8));
        for (byte[] line : headerLines) {
            request.writeBytes(line);
            request.writeBytes(new byte[]{'\r', '\n'});
        }
        if (body != null && body.length > 0) {
            request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        request.writeBytes(new byte[]{'\r', '\n'});
        if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    /**
     * Sends {@code request} as it is to localhost:{@code port} and reads the answer until the server closes the
     * connection (requests built by {@link #request} ask it to; the HTTP layer closes it after a request it could not
     * parse). {@code head}: the request was a HEAD, whose answer's {@code Content-Length} announces no body; its body
     * is whatever the server sends before it closes (nothing, if all is well).
     */
    public static Answer exchange(int port, byte[] request, boolean head) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream(), head);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from localhost:" + port, e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        // for HEAD, whatever comes before the server closes (a HEAD answer's Content-Length is not its body's)
        List<String> length = headers.get("content-length");
        byte[] body = head || length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get(0)));
        return new Answer(Integer.parseInt(parts[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("the connection closed within the answer's head: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
