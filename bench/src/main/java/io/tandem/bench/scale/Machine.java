package io.tandem.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the figures come from: cores, CPU model, AVX-512 or not, memory, and how busy it was. */
record Machine(int cores, String cpu, boolean avx512, long memoryMb, String loadAverage) {
    static Machine here() {
        String cpu = "unknown";
        boolean avx512 = false;
        long memoryKb = 0;
        String load = "unknown";
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = info.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
            avx512 = info.stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> List.of(l.substring(l.indexOf(':') + 1).strip().split("\\s+")).contains("avx512f")).orElse(false);
            memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            // not Linux: the report says unknown
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, avx512, memoryKb / 1024, load);
    }

    String describe() {
        return cores + " cores (nproc), " + cpu + ", AVX-512 " + (avx512 ? "yes (avx512f in /proc/cpuinfo flags)" : "no")
                + ", " + memoryMb / 1024 + " GiB memory; load average " + loadAverage
                + " when the benchmark started (other work on the machine: it is shared)";
    }
}
