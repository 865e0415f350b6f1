package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMemoryTest {

    @Test
    void readsAFieldOfAProcFileInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 4023456 kB\nVmRSS:\t  301234 kB\nThreads:\t42\n";

        assertEquals(301_234, ProcessMemory.kibibytes(status, "VmRSS"));
        assertEquals(0, ProcessMemory.kibibytes(status, "VmSwap"), "absent: none");
    }

    @Test
    void thisProcessHasAResidentSetAndAProportionalOneNoLargerThanIt() {
        ProcessMemory.Reading self = ProcessMemory.of(ProcessHandle.current().pid());

        assertTrue(self.rssKib() > 0, "a running JVM is resident somewhere: " + self);
        assertTrue(self.pssKib() > 0 && self.pssKib() <= self.rssKib(), self.toString());
    }

    @Test
    void aProcessThatIsGoneTakesNothing() {
        assertEquals(ProcessMemory.Reading.NONE, ProcessMemory.of(Long.MAX_VALUE));
    }
}
