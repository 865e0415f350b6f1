package dev.palimpsest.devstack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FreePortsTest {

    @Test
    void neverHandsOutOnePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = FreePorts.pick();
            assertFalse(FreePorts.isListening(port), "picked port " + port + " has a listener");
            ports.add(port);
        }
        assertEquals(500, ports.size(), "a port was handed out twice");
    }
}
