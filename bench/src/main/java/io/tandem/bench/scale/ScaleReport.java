package io.tandem.bench.scale;

import io.tandem.testkit.TandemProcess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's figures as a console table and as docs/scale.md. */
final class ScaleReport {
    /** One cluster size: /predict under load through nginx, and a batch of jobs. */
    record ClusterRow(int instances, ClosedLoopLoad.Result predict, JobBatch.Result jobs) {
    }

    /** One shared-state path measured on one instance. */
    record OverheadRow(String path, String instance, SequentialProbe.Result result) {
    }

    private final ScaleOptions options;
    private final Machine machine;
    private final List<ClusterRow> clusters = new ArrayList<>();
    private final List<OverheadRow> overhead = new ArrayList<>();

    ScaleReport(ScaleOptions options, Machine machine) {
        this.options = options;
        this.machine = machine;
    }

    Machine machine() {
        return machine;
    }

    void add(ClusterRow row) {
        clusters.add(row);
        System.out.println(clusterLine(row));
    }

    void add(String path, TandemProcess instance, SequentialProbe.Result result) {
        OverheadRow row = new OverheadRow(path, instance.instanceId(), result);
        overhead.add(row);
        System.out.println(overheadLine(row));
    }

    /** A /predict answered other than 200, or a job refused, failed, unfinished or with a wrong result count. */
    boolean somethingLost() {
        return clusters.stream().anyMatch(r -> r.predict.failed() > 0 || r.jobs.lost() > 0);
    }

    String table() {
        StringBuilder sb = new StringBuilder("\n");
        sb.append(clusterHeader()).append(clusterDivider());
        clusters.forEach(r -> sb.append(clusterLine(r)).append('\n'));
        sb.append('\n').append(overheadHeader()).append(overheadDivider());
        overhead.forEach(r -> sb.append(overheadLine(r)).append('\n'));
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Scaling out: several instances sharing Redis\n\n");
        sb.append(String.format(Locale.ROOT, "`./tandem bench-scale` (%s UTC). Machine: %s. Redis 7 (Debian's `redis-server`, no persistence), "
                        + "nginx with `deploy/nginx/tandem.conf.template` (one worker), each instance `java -Xmx512m -jar "
                        + "server/target/tandem-server.jar` with `TANDEM_ORT_THREADS=1` and `TANDEM_JOB_WORKERS=1`, all on this one "
                        + "machine over loopback, with the load generator.%n%n",
                Instant.now().toString().substring(0, 16).replace('T', ' '), machine.describe()));
        sb.append(String.format(Locale.ROOT, "## Throughput by cluster size%n%n`POST /api/v1/models/penguins/predict` through nginx, %d callers "
                        + "each sending its next request when the last is answered, for %d s after a 3 s warm-up; every record new and "
                        + "`Cache-Control: no-cache`, so every request runs the model. Then %d jobs of %d penguin records each, "
                        + "submitted together through nginx and polled until all finished.%n%n",
                options.concurrency(), options.seconds(), options.jobs(), options.jobInputs()));
        sb.append(clusterHeader()).append(clusterDivider());
        clusters.forEach(r -> sb.append(clusterLine(r)).append('\n'));
        sb.append(String.format(Locale.ROOT, "%n## What sharing state costs%n%nOne caller, one request at a time, straight to one instance "
                + "(no nginx), on four instances started together and warmed alike (6 s of load each: a JVM that ran the load above "
                + "would have a hotter JIT), %d timed requests a row after a warm-up, the rows interleaved (one request of each in turn) so that "
                + "other work on the machine falls on all of them alike. A cache hit served from Redis is a record predicted on the "
                + "other Redis-backed instance just before; limits are a per-key limit far above the load, so every request is "
                + "checked and none refused. Each row's answers were checked to carry the `X-Tandem-Cache` outcome it names.%n%n",
                options.probes()));
        sb.append(overheadHeader()).append(overheadDivider());
        overhead.forEach(r -> sb.append(overheadLine(r)).append('\n'));
        sb.append(reading());
        return sb.toString();
    }

    private String reading() {
        StringBuilder sb = new StringBuilder("\n## Reading it\n\n");
        long lostPredictions = clusters.stream().mapToLong(r -> r.predict.failed()).sum();
        long lostJobs = clusters.stream().mapToLong(r -> r.jobs.lost()).sum();
        sb.append(String.format(Locale.ROOT, "- **Nothing lost:** %d /predict answers other than 200 and %d jobs refused, failed or with a "
                + "wrong number of results, over every cluster size.%s%n", lostPredictions, lostJobs,
                lostPredictions + lostJobs == 0 ? "" : " **Something was lost: see the first failure above.**"));
        sb.append(coresSentence());
        sb.append(sharedCostSentence());
        sb.append("- **On a bigger machine or a real cluster** each instance gets cores of its own: /predict throughput should grow "
                + "close to linearly with instances until nginx (one worker here; `worker_processes auto` in production), Redis "
                + "(one thread, ~100k simple commands/s) or the network is the limit, and job throughput grows with the workers "
                + "(`TANDEM_JOB_WORKERS` × instances). The Redis round trips above become network round trips (typically 0.2–0.5 ms "
                + "within a zone instead of loopback's tens of µs), which is what the instance's own cache tier in front of Redis is for: "
                + "a repeated input is answered without leaving the instance. The per-key limit pays one Redis round trip per "
                + "request; per-address limits the same.\n");
        return sb.toString();
    }

    /**
     * What the cluster rows mean on this machine: each instance here runs inference on one thread
     * (one inference worker, one onnxruntime thread), so instances up to the core count add
     * compute and beyond it only compete.
     */
    private String coresSentence() {
        if (clusters.isEmpty()) {
            return "";
        }
        ClusterRow one = clusters.get(0);
        ClusterRow last = clusters.get(clusters.size() - 1);
        return String.format(Locale.ROOT, "- **On %d cores the instances compete for the same cores** with nginx, Redis, the load "
                        + "generator and whatever else runs on the machine. /predict went from %.0f to %.0f requests/s (×%.2f) from 1 to %d "
                        + "instances, and jobs from %.2f to %.2f a second: each instance runs its inference on one thread "
                        + "(`TANDEM_INFERENCE_WORKERS=1`, `TANDEM_ORT_THREADS=1`) and its jobs on one worker, so a second instance "
                        + "puts the second core to work; past the core count an instance adds a JVM, not a CPU. The figures to watch "
                        + "here are that nothing is lost and what the shared state costs per request, not the scaling curve.%n",
                machine.cores(), one.predict.perSecond(), last.predict.perSecond(), last.predict.perSecond() / one.predict.perSecond(),
                last.instances, one.jobs.jobsPerSecond(), last.jobs.jobsPerSecond());
    }

    private String sharedCostSentence() {
        OverheadRow localHit = find("hit, local cache");
        OverheadRow ownTier = find(ScaleBenchmark.OWN_TIER);
        OverheadRow fromRedis = find(ScaleBenchmark.FROM_REDIS);
        OverheadRow localLimit = find("hit + per-key limit, local buckets");
        OverheadRow redisLimit = find("hit + per-key limit, buckets in Redis");
        if (localHit == null || ownTier == null || fromRedis == null || localLimit == null || redisLimit == null) {
            return "";
        }
        double ownTierCost = ownTier.result.latencies().p50() - localHit.result.latencies().p50();
        String repeated = Math.abs(ownTierCost) < 0.15
                ? String.format(Locale.ROOT, "costs the same with Redis behind the cache (%+.2f ms, within the noise here)", ownTierCost)
                : String.format(Locale.ROOT, "costs %+.2f ms with Redis behind the cache", ownTierCost);
        return String.format(Locale.ROOT, "- **Shared-state overhead (p50):** a repeated input %s: the instance's own tier answers "
                        + "it; an input first predicted on another instance is a hit from Redis at %.2f ms "
                        + "against %.2f ms for a local hit; a per-key limit checked in Redis adds %+.2f ms per request against %+.2f ms "
                        + "for the same limit in the instance's memory.%n",
                repeated, fromRedis.result.latencies().p50(),
                localHit.result.latencies().p50(), redisLimit.result.latencies().p50() - ownTier.result.latencies().p50(),
                localLimit.result.latencies().p50() - localHit.result.latencies().p50());
    }

    private OverheadRow find(String path) {
        return overhead.stream().filter(r -> r.path.equals(path)).findFirst().orElse(null);
    }

    private static String clusterHeader() {
        return "| instances | /predict req/s | p50 ms | p99 ms | not 200 | jobs/s | job records/s | jobs lost |\n";
    }

    private static String clusterDivider() {
        return "|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    }

    private static String clusterLine(ClusterRow r) {
        return String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %d | %.2f | %.0f | %d |%s", r.instances, r.predict.perSecond(),
                r.predict.latencies().p50(), r.predict.latencies().p99(), r.predict.failed(), r.jobs.jobsPerSecond(),
                r.jobs.inputsPerSecond(), r.jobs.lost(), firstProblem(r));
    }

    private static String firstProblem(ClusterRow r) {
        String p = r.predict.firstFailure() != null ? r.predict.firstFailure() : r.jobs.firstProblem();
        return p == null ? "" : " first problem: " + shorten(p);
    }

    private static String overheadHeader() {
        return "| path | instance | p50 ms | p99 ms | unexpected answers |\n";
    }

    private static String overheadDivider() {
        return "|---|---|---:|---:|---:|\n";
    }

    private static String overheadLine(OverheadRow r) {
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %d%s |", r.path, r.instance, r.result.latencies().p50(),
                r.result.latencies().p99(), r.result.unexpected(),
                r.result.firstUnexpected() == null ? "" : " (first: " + shorten(r.result.firstUnexpected()) + ")");
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ').replace("|", "/");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
