package io.tandem.server.observe;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.server.cache.PredictionCache;
import io.tandem.server.inference.Batcher;
import io.tandem.server.jobs.JobService;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;

import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics at {@code /metrics}: HTTP requests by route and status, predict latency by
 * model, version and device (P50/P95/P99 and a histogram), batch sizes, queue depth, prediction
 * cache hits and misses, JVM and process (native included) memory.
 */
public final class Metrics implements AutoCloseable {
    /** Request attributes the predict route sets for metrics and logs. */
    public static final String MODEL = "tandem.model";
    public static final String MODEL_VERSION = "tandem.modelVersion";
    public static final String DEVICE = "tandem.device";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        ProcessMemory.bindTo(registry);
    }

    public void register(Javalin app) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Batch sizes and run times of one model's inference queue. */
    public Batcher.Listener batches(ServerModel model) {
        DistributionSummary sizes = DistributionSummary.builder("tandem.batch.size")
                .description("requests per onnxruntime run").tag("model", model.manifest().id())
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(registry);
        Timer runs = Timer.builder("tandem.batch.run").description("one onnxruntime run of a batch")
                .tag("model", model.manifest().id()).publishPercentiles(0.5, 0.99).register(registry);
        return (size, nanos) -> {
            sizes.record(size);
            runs.record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    public void queues(Iterable<ServerModel> models, Predictor predictor) {
        for (ServerModel m : models) {
            Gauge.builder("tandem.queue.depth", () -> predictor.queueDepth(m)).description("predict requests waiting")
                    .tag("model", m.manifest().id()).register(registry);
        }
    }

    /**
     * {@code tandem_jobs_queue_depth}: jobs waiting to start, on this instance or (with Redis) in
     * the shared queue — what an autoscaler scales job workers on. NaN while Redis does not answer.
     */
    public void jobs(JobService jobs) {
        Gauge.builder("tandem.jobs.queue.depth", jobs, j -> {
            try {
                return j.queueDepth();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("jobs waiting to start").register(registry);
    }

    public void cache(PredictionCache cache) {
        cache.caffeine().ifPresent(c -> CaffeineCacheMetrics.monitor(registry, c, "predictions"));
    }

    /** One finished HTTP request; predictions also by model, version and device. */
    public void request(Context ctx, float ms) {
        // A request answered by a before-handler (401, 429) or by no route at all has no endpoint.
        String route = ctx.handlerType().isHttpMethod() ? ctx.endpointHandlerPath() : "";
        long nanos = (long) (ms * 1_000_000);
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route.isEmpty() ? "unmatched" : route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        String model = ctx.attribute(MODEL);
        if (model != null && ctx.statusCode() < 400) {
            String version = String.valueOf((Object) ctx.attribute(MODEL_VERSION));
            String device = String.valueOf((Object) ctx.attribute(DEVICE));
            // Prometheus keeps a histogram or quantiles per name, not both: the histogram for
            // histogram_quantile() across instances, the quantiles for reading P50/P95/P99 directly.
            Timer.builder("tandem.predict").description("predict requests that succeeded, in the server")
                    .tags("model", model, "version", version, "device", device)
                    .publishPercentileHistogram()
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
            Timer.builder("tandem.predict.latency").description("P50/P95/P99 of predict requests that succeeded")
                    .tags("model", model, "version", version, "device", device)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
