package io.tandem.bench.soak;

import io.tandem.converter.engine.CpuFeatures;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./tandem soak --minutes N --concurrency C}: C callers send a mix of valid and hostile
 * requests (three to one, {@link SoakMix}) to a Tandem server in its own process for N minutes, as
 * fast as it answers. Every interval it prints and records the requests, the failures (a valid
 * request not answered 200; a hostile one not answered 4xx), p50/p99 latency of the valid ones and
 * the server's memory; at the end a summary, RSS growth after warm-up, and docs/soak.md.
 */
public final class Soak {
    private final int minutes;
    private final int concurrency;
    private final int sampleSeconds;
    private final Path root;
    private final Path out;

    private final AtomicLong next = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, String> firstFailure = new ConcurrentHashMap<>();
    private ConcurrentLinkedQueue<Double> validMs = new ConcurrentLinkedQueue<>();

    private Soak(int minutes, int concurrency, int sampleSeconds, Path root, Path out) {
        this.minutes = minutes;
        this.concurrency = concurrency;
        this.sampleSeconds = sampleSeconds;
        this.root = root;
        this.out = out;
    }

    /** One interval's figures. */
    private record Row(int second, long requests, long failed, double p50, double p99, ServerMemory memory) {
    }

    public static void main(String[] args) throws Exception {
        int minutes = 20;
        int concurrency = 64;
        int sample = 30;
        Path root = Path.of(System.getProperty("tandem.bench.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("docs/soak.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (a) {
                case "--minutes" -> minutes = positive(a, v, 24 * 60);
                case "--concurrency" -> concurrency = positive(a, v, 1024);
                case "--sample-seconds" -> sample = positive(a, v, 3600);
                case "--out" -> out = Path.of(v).toAbsolutePath();
                default -> usage("unknown argument '" + a + "'");
            }
            i++;
        }
        System.exit(new Soak(minutes, concurrency, sample, root, out).run());
    }

    private static int positive(String option, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        usage(option + " takes a whole number from 1 to " + max + ", not '" + value + "'");
        return 0;
    }

    private static void usage(String why) {
        System.err.println("soak: " + why + "\nusage: ./tandem soak [--minutes N (20)] [--concurrency C (64)] [--sample-seconds S (30)] [--out docs/soak.md]");
        System.exit(2);
    }

    private int run() throws Exception {
        Path log = root.resolve("bench/target/soak-server.log");
        Files.createDirectories(log.getParent());
        System.out.println("soak: starting the server (log: " + log + ")");
        List<Row> rows = new ArrayList<>();
        Instant started;
        try (ServerProcess server = ServerProcess.start(root, log)) {
            SoakMix mix = new SoakMix(server.url);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ServerMemory before = ServerMemory.read(client, server.url);
            System.out.printf(Locale.ROOT, "soak: %s ready, RSS %.0f MB; %d callers for %d min%n", server.url, before.residentMb(), concurrency, minutes);
            started = Instant.now();
            long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                Thread t = new Thread(() -> call(client, mix, deadline), "soak-caller-" + c);
                t.setDaemon(true);
                t.start();
                callers.add(t);
            }
            int second = 0;
            while (System.nanoTime() < deadline && server.alive()) {
                Thread.sleep(Math.min(sampleSeconds * 1000L, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                second = (int) Duration.between(started, Instant.now()).toSeconds();
                rows.add(sample(second, ServerMemory.read(client, server.url)));
                Row r = rows.get(rows.size() - 1);
                System.out.printf(Locale.ROOT, "soak: %5ds  %7d requests  %4d failed  p50 %7.1f ms  p99 %7.1f ms  RSS %6.0f MB  heap %5.0f MB%n",
                        r.second, r.requests, r.failed, r.p50, r.p99, r.memory.residentMb(), r.memory.heapMb());
            }
            for (Thread t : callers) {
                t.join(70_000);
            }
            boolean crashed = !server.alive();
            String report = report(rows, before, crashed, mix);
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println(report);
            System.out.println("soak: wrote " + out);
            return crashed || totalFailed() > 0 ? 1 : 0;
        }
    }

    private void call(HttpClient client, SoakMix mix, long deadline) {
        while (System.nanoTime() < deadline) {
            long i = next.getAndIncrement();
            SoakRequest kind = mix.pick(i);
            long t0 = System.nanoTime();
            int status;
            String detail = "";
            try {
                HttpResponse<String> r = client.send(kind.build().apply((int) (i % Integer.MAX_VALUE)), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                detail = r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
            } catch (IOException e) {
                status = -1;
                detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            requests.increment();
            sent.computeIfAbsent(kind.name(), k -> new LongAdder()).increment();
            if (!kind.expected().test(status)) {
                failures.computeIfAbsent(kind.name(), k -> new LongAdder()).increment();
                firstFailure.putIfAbsent(kind.name(), status + " " + detail);
            } else if (!kind.hostile()) {
                validMs.add(ms);
            }
        }
    }

    private synchronized Row sample(int second, ServerMemory memory) {
        ConcurrentLinkedQueue<Double> interval = validMs;
        validMs = new ConcurrentLinkedQueue<>();
        double[] ms = interval.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Row(second, requests.sum(), totalFailed(), percentile(ms, 0.5), percentile(ms, 0.99), memory);
    }

    private long totalFailed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length); // nearest-rank: the smallest value with at least p of them at or below it
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private String report(List<Row> rows, ServerMemory before, boolean crashed, SoakMix mix) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Soak\n\n");
        sb.append(String.format(Locale.ROOT, "`./tandem soak --minutes %d --concurrency %d` (%s UTC; %s; %d cores). The server runs in its own "
                        + "process (`server/target/tandem-server.jar`, the demo bundles, default settings); %d callers on loopback send "
                        + "three valid requests (MiniLM text, each sentence new; MNIST image, ten digits in turn; penguins record, "
                        + "10,000 variations: the prediction cache serves some) for each hostile one.%n%n",
                minutes, concurrency, Instant.now().toString().substring(0, 16).replace('T', ' '), CpuFeatures.describe(),
                Runtime.getRuntime().availableProcessors(), concurrency));
        sb.append("| time s | requests | failed | valid p50 ms | valid p99 ms | RSS MB | heap MB | non-heap MB | direct MB |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| 0 | 0 | 0 | – | – | %.0f | %.0f | %.0f | %.1f |%n", before.residentMb(), before.heapMb(),
                before.nonHeapMb(), before.directMb()));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %.1f |%n", r.second, r.requests, r.failed,
                    r.p50, r.p99, r.memory.residentMb(), r.memory.heapMb(), r.memory.nonHeapMb(), r.memory.directMb()));
        }
        sb.append("\nBy kind (sent / failed):\n\n| request | hostile | sent | failed | first failure |\n|---|---|---:|---:|---|\n");
        for (SoakRequest kind : mix.kinds()) {
            String name = kind.name();
            long failed = failures.getOrDefault(name, new LongAdder()).sum();
            sb.append("| ").append(name).append(" | ").append(kind.hostile() ? "yes" : "no").append(" | ")
                    .append(sent.getOrDefault(name, new LongAdder()).sum()).append(" | ").append(failed).append(" | ")
                    .append(firstFailure.getOrDefault(name, "").replace("|", "/").replace("\n", " ")).append(" |\n");
        }
        // Warm-up: the first fifth of the run (at most two minutes): sessions, caches and pools fill.
        int warmUp = (int) Math.min(120, minutes * 60 / 5.0);
        Row afterWarmUp = rows.stream().filter(r -> r.second >= warmUp).findFirst().orElse(rows.isEmpty() ? null : rows.get(0));
        Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (afterWarmUp != null && last != null) {
            double growth = 100 * (last.memory.residentMb() - afterWarmUp.memory.residentMb()) / afterWarmUp.memory.residentMb();
            sb.append(String.format(Locale.ROOT, "%nRSS after warm-up (%d s): %.0f MB; at the end: %.0f MB: **%+.1f %%**. Failed requests: **%d** of %d"
                    + " (%.0f requests/s).%s%n", afterWarmUp.second, afterWarmUp.memory.residentMb(), last.memory.residentMb(), growth,
                    totalFailed(), requests.sum(), requests.sum() / Math.max(1.0, last.second), crashed ? " **The server died.**" : ""));
        }
        return sb.toString();
    }
}
