package io.tandem.cluster;

import io.tandem.testkit.ModelsSubset;
import io.tandem.testkit.NginxProcess;
import io.tandem.testkit.RedisProcess;
import io.tandem.testkit.TandemProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Redis, Tandem instances sharing it, and (when asked) nginx in front: what a deployment of
 * several servers is, on loopback. Each instance has its own models folder, as each machine of a
 * cluster has its own disk, so nothing reaches another instance except through Redis.
 */
final class Cluster implements AutoCloseable {
    /**
     * Small heaps and a quick-starting JIT: up to three servers share two cores with the test, and
     * the time that matters here is the start, not peak speed (onnxruntime does the work natively).
     */
    private static final String[] JVM = {"-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

    private final String name;
    private final List<String> bundles;
    private final Map<String, String> staged;
    private final Map<String, String> env;
    private final Path work;
    private final RedisProcess redis;
    private final Map<String, TandemProcess> instances = new LinkedHashMap<>();
    private NginxProcess nginx;

    private Cluster(Builder b) {
        this.name = b.name;
        this.bundles = List.copyOf(b.bundles);
        this.staged = Map.copyOf(b.staged);
        this.env = Map.copyOf(b.env);
        try {
            this.work = Files.createTempDirectory("tandem-cluster-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.redis = RedisProcess.start();
    }

    /** A cluster named {@code name} (the folder its logs go to, under target/cluster-logs). */
    static Builder named(String name) {
        return new Builder(name);
    }

    /** Starts instances {@code ids} side by side and waits until all are ready. */
    Cluster addInstances(String... ids) {
        List<TandemProcess.Builder> builders = new ArrayList<>();
        for (String id : ids) {
            Path models = ModelsSubset.of(BuildOutputs.models(), work.resolve(id), bundles);
            staged.forEach((bundle, version) -> StagedVersion.stage(models, bundle, version));
            builders.add(TandemProcess.builder(BuildOutputs.serverJar()).instance(id).models(models)
                    .env("TANDEM_REDIS_URL", redis.url().toString()).env(env).jvm(JVM)
                    .logDir(BuildOutputs.logs().resolve(name)));
        }
        for (TandemProcess p : TandemProcess.startAll(builders)) {
            instances.put(p.instanceId(), p);
        }
        return this;
    }

    /** nginx over every instance started so far, from the committed template. */
    Cluster startNginx() {
        if (nginx != null) {
            nginx.close();
        }
        nginx = NginxProcess.start(BuildOutputs.nginxTemplate(), instances.values().stream().map(TandemProcess::port).toList());
        return this;
    }

    TandemProcess instance(String id) {
        TandemProcess p = instances.get(id);
        if (p == null) {
            throw new NoSuchElementException("no instance '" + id + "'; started: " + instances.keySet());
        }
        return p;
    }

    /** Calls to instance {@code id} directly. */
    Api api(String id) {
        return Api.at(instance(id).url(""));
    }

    /** Calls through nginx. */
    Api viaNginx() {
        if (nginx == null) {
            throw new IllegalStateException("this cluster has no nginx: call startNginx()");
        }
        return Api.at(nginx.url(""));
    }

    /** nginx's port, for callers that open their own connections. */
    int nginxPort() {
        viaNginx();
        return nginx.port();
    }

    RedisProcess redis() {
        return redis;
    }

    /** The end of every log, for a failure message. */
    String logs() {
        String servers = instances.values().stream().map(TandemProcess::log).collect(Collectors.joining("\n"));
        return servers + (nginx == null ? "" : "\n--- nginx ---\n" + nginx.log());
    }

    /**
     * Kills the instances rather than stopping them: a graceful stop drains for seconds each, and
     * nothing of them is kept. Their logs stay under target/cluster-logs.
     */
    @Override
    public void close() {
        if (nginx != null) {
            nginx.close();
        }
        instances.values().forEach(TandemProcess::kill9);
        redis.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** What every instance of the cluster gets. */
    static final class Builder {
        private final String name;
        private final List<String> bundles = new ArrayList<>();
        private final Map<String, String> staged = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
            // One onnxruntime thread per session: three instances on two cores would otherwise each
            // start a pool the size of the machine and spend their time switching.
            env.put("TANDEM_ORT_THREADS", "1");
            env.put("TANDEM_JOB_VISIBILITY_TIMEOUT_S", "3");
            // Every test request comes from 127.0.0.1: the per-client job quota would count them all as one.
            env.put("TANDEM_JOB_MAX_PER_CLIENT", "16");
        }

        /** The bundles each instance serves (copied from the build's models folder). */
        Builder bundles(String... ids) {
            bundles.addAll(List.of(ids));
            return this;
        }

        /** A second version of {@code bundle} staged on each instance's disk (not loaded). */
        Builder staged(String bundle, String version) {
            staged.put(bundle, version);
            return this;
        }

        Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /** Redis and no instance yet: {@link Cluster#addInstances} starts them. */
        Cluster start() {
            return new Cluster(this);
        }

        /** Redis and instances {@code ids}, started side by side. */
        Cluster start(String... ids) {
            Cluster c = new Cluster(this);
            try {
                return c.addInstances(ids);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }
}
