package io.tandem.server.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/statm}: heap plus everything native
 * (onnxruntime's sessions and arenas), which JVM metrics alone do not show. Absent off Linux.
 */
final class ProcessMemory {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    private ProcessMemory() {
    }

    static void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(STATM)) {
            return;
        }
        Gauge.builder("process.memory.resident", ProcessMemory::residentBytes).baseUnit("bytes")
                .description("resident set size of the server process, native memory included").register(registry);
    }

    private static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
