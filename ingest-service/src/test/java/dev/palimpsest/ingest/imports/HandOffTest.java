package dev.palimpsest.ingest.imports;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandOffTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void consumesEveryItemInOrderBeforeFinishReturns() {
        List<Integer> consumed = Collections.synchronizedList(new ArrayList<>());
        HandOff<Integer> handOff = new HandOff<>(4, consumed::add, executor);
        IntStream.range(0, 1000).boxed().forEach(handOff);
        handOff.finish();
        assertEquals(IntStream.range(0, 1000).boxed().toList(), consumed);
    }

    @Test
    void aFailureOfTheConsumerStopsTheProducerAndIsThrownAsItWas() {
        UncheckedIOException diskFull = new UncheckedIOException(new IOException("no space left on device"));
        HandOff<Integer> handOff = new HandOff<>(2, item -> {
            if (item == 10) {
                throw diskFull;
            }
        }, executor);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            for (int i = 0; i < 1_000_000; i++) {
                handOff.accept(i);
            }
            handOff.finish();
        });
        assertSame(diskFull, thrown);
    }

    @Test
    void abandonReturnsOnceTheConsumerHasStopped() throws InterruptedException {
        CountDownLatch consuming = new CountDownLatch(1);
        List<Integer> consumed = Collections.synchronizedList(new ArrayList<>());
        HandOff<Integer> handOff = new HandOff<>(8, item -> {
            consuming.countDown();
            consumed.add(item);
        }, executor);
        for (int i = 0; i < 8; i++) {
            handOff.accept(i);
        }
        consuming.await();
        handOff.abandon();
        List<Integer> seen = List.copyOf(consumed);
        assertTrue(!seen.isEmpty() && seen.size() <= 8);
        assertEquals(IntStream.range(0, seen.size()).boxed().toList(), seen, "what was consumed, in order");
    }
}
