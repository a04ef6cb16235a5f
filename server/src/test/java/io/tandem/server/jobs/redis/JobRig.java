package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.http.JobRoutes;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.jobs.JobView;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.shared.RedisEvents;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateConfig;
import io.tandem.testkit.RedisProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Server instances sharing one real Redis, as far as jobs go: each its own Redis link, notices
 * subscriber and {@link RedisJobs}, all on one registry holding the real penguins bundle. Every
 * rig has its own key prefix, so the tests of a class can share one Redis.
 */
final class JobRig implements AutoCloseable {
    static final String MODEL = "penguins";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final RedisProcess redis;
    private final ModelRegistry registry;
    private final Predictor predictor;
    private final String prefix = "t" + PREFIXES.incrementAndGet();
    private final List<Instance> instances = new ArrayList<>();

    JobRig(RedisProcess redis, ModelRegistry registry, Predictor predictor) {
        this.redis = redis;
        this.registry = registry;
        this.predictor = predictor;
    }

    /** A models folder holding only a copy of the built penguins bundle (small and fast to load). */
    static Path penguinsOnly(Path into) {
        Path source = Path.of(System.getProperty("tandem.models", "../models")).toAbsolutePath().normalize().resolve(MODEL);
        if (!Files.isRegularFile(source.resolve("model.onnx"))) {
            throw new IllegalStateException("the penguins bundle is not built in " + source + ": run `mvn -pl models -am install` first,"
                    + " or pass -Dtandem.models=<a models folder where it is built>");
        }
        try (var files = Files.list(source)) {
            Path dir = Files.createDirectories(into.resolve(MODEL));
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServerConfig.Jobs jobs(int queueCapacity, int maxKept, int maxPerClient, Duration ttl) {
        return new ServerConfig.Jobs(queueCapacity, 1, 100, ttl, maxKept, maxPerClient);
    }

    static ServerConfig.Jobs roomy() {
        return jobs(16, 64, 8, Duration.ofMinutes(10));
    }

    String prefix() {
        return prefix;
    }

    RedisProcess redis() {
        return redis;
    }

    ModelRegistry registry() {
        return registry;
    }

    Predictor predictor() {
        return predictor;
    }

    /** A redis-cli style look at one key of this rig, past the code under test. */
    String command(String inline) {
        return redis.command(inline.replace("{p}", prefix));
    }

    TestWork work() {
        return new TestWork(predictor, 0, 0);
    }

    /** An instance, not started: {@link Instance#start()} starts its workers. */
    Instance instance(String name, ServerConfig.Jobs jobs, int maxAttempts, TestWork work) {
        SharedStateConfig shared = SharedStateConfig.redis(redis.url()).withPrefix(prefix).withInstanceId(name)
                .withJobs(Duration.ofSeconds(2), maxAttempts);
        Instance i = new Instance(shared, jobs, registry, work);
        instances.add(i);
        return i;
    }

    Instance instance(String name, TestWork work) {
        return instance(name, roomy(), 3, work);
    }

    ModelLease lease() {
        return registry.acquire(MODEL, "someone").orElseThrow();
    }

    /** Records of penguins, each a little different. */
    static List<ModelInput> penguins(int n) {
        List<ModelInput> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("island", i % 2 == 0 ? "Biscoe" : "Dream");
            f.put("bill_length_mm", 39.1 + i * 3.5);
            f.put("bill_depth_mm", 18.7 - i * 0.5);
            f.put("flipper_length_mm", 181.0 + i * 9);
            f.put("body_mass_g", 3750.0 + i * 400);
            f.put("sex", i % 3 == 0 ? "MALE" : "FEMALE");
            out.add(ModelInput.features(f));
        }
        return out;
    }

    static JobView await(RedisJobs jobs, String id, Predicate<JobView> until, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<JobView> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = jobs.find(id);
            if (last.isPresent() && until.test(last.get())) {
                return last.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not get there within " + within.toSeconds() + " s; last seen: "
                + last.map(JobView::toJson).orElse(null));
    }

    static JobView awaitFinished(RedisJobs jobs, String id) throws InterruptedException {
        return await(jobs, id, JobView::finished, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        for (Instance i : instances) {
            i.close();
        }
    }

    /** One server instance's share of jobs. */
    static final class Instance implements AutoCloseable {
        final RedisLink link;
        final RedisEvents events;
        final RedisJobs jobs;
        final TestWork work;
        private boolean closed;

        private Instance(SharedStateConfig shared, ServerConfig.Jobs config, ModelRegistry registry, TestWork work) {
            this.link = RedisLink.open("state", shared.redisUrl(), shared.prefix());
            this.events = new RedisEvents(link);
            this.work = work;
            this.jobs = new RedisJobs(link, events, shared, config, registry, work, JobRoutes::describe);
            events.start();
        }

        Instance start() {
            jobs.start();
            return this;
        }

        /** As a crash would end it: no further write to Redis. */
        void crash() {
            jobs.crash();
            close();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            jobs.close();
            events.close();
            link.close();
        }
    }

    /** The predictor, counting its calls; optionally slow, or stuck from its n-th call on (until interrupted). */
    static final class TestWork implements JobWork {
        private final Predictor predictor;
        private final int stuckFrom;
        private final long sleepMillis;
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch stuck = new CountDownLatch(1);

        TestWork(Predictor predictor, int stuckFrom, long sleepMillis) {
            this.predictor = predictor;
            this.stuckFrom = stuckFrom;
            this.sleepMillis = sleepMillis;
        }

        TestWork stuckFrom(int call) {
            return new TestWork(predictor, call, sleepMillis);
        }

        TestWork slow(long millis) {
            return new TestWork(predictor, stuckFrom, millis);
        }

        @Override
        public Object run(ServerModel model, ModelInput input) throws Exception {
            int n = calls.incrementAndGet();
            if (stuckFrom > 0 && n >= stuckFrom) {
                stuck.countDown();
                new CountDownLatch(1).await();
            }
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            return predictor.predict(model, input);
        }
    }
}
