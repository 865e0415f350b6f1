package dev.palimpsest.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port helpers. */
public final class FreePorts {

    /*
     * Every port this JVM has handed out. A port is picked free and bound later by another process (a service, the
     * broker, PostgreSQL); in between the OS may offer the same port to the next pick, and a stack's services and
     * its infrastructure are picked separately (a clean-clone run once failed so: "port … is already in use").
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on right now (the OS picks it), never one this JVM has handed out before. */
    public static int pick() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port left that this JVM has not handed out already");
    }

    public static boolean isListening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
