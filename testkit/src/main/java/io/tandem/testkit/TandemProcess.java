package io.tandem.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Tandem server in a process of its own ({@code java -jar tandem-server.jar}), as a cluster
 * runs it: settings in its environment, its own loopback port, what it prints in a log file. A
 * test kills it as a crash would ({@link #kill9}) or stops it as an orchestrator does
 * ({@link #stop}).
 *
 * <p>{@link Builder#launch} returns at once, so several start side by side; {@link #awaitReady}
 * then waits for each.
 */
public final class TandemProcess implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String instanceId;
    private final int port;
    private final Path log;
    private final Process process;

    private TandemProcess(String instanceId, int port, Path log, Process process) {
        this.instanceId = instanceId;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** A server from {@code jar} (server/target/tandem-server.jar). */
    public static Builder builder(Path jar) {
        return new Builder(jar);
    }

    /** Starts all of them side by side and waits until each is ready; stops them all if one is not. */
    public static List<TandemProcess> startAll(List<Builder> builders) {
        List<TandemProcess> started = new ArrayList<>();
        try {
            for (Builder b : builders) {
                started.add(b.launch());
            }
            for (TandemProcess p : started) {
                p.awaitReady();
            }
            return started;
        } catch (RuntimeException e) {
            started.forEach(TandemProcess::kill9);
            throw e;
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code /ready} answers 200 (models loaded, serving). */
    public TandemProcess awaitReady() {
        return awaitReady(READY_TIMEOUT);
    }

    public TandemProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url("/ready"))).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + instanceId + " exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while instance " + instanceId + " was starting", e);
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("instance " + instanceId + " was not ready within " + timeout.toSeconds() + " s:\n" + log());
    }

    /** SIGKILL, as a crash or the OOM killer ends it: no shutdown hook, no goodbye to Redis. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as an orchestrator stops it (the server drains), then SIGKILL after 20 s. */
    public void stop() {
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(20))) {
            kill9();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The end of what the instance printed (its last ~8000 characters), for a failure message. */
    public String log() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            String tail = text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text;
            return "--- " + instanceId + " (" + log + ") ---\n" + tail;
        } catch (IOException e) {
            return "--- " + instanceId + ": no log at " + log + " (" + e.getMessage() + ") ---";
        }
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }


    /** What one instance is started with. */
    public static final class Builder {
        private final Path jar;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String instanceId = "tandem";
        private Path logDir;

        private Builder(Path jar) {
            this.jar = jar;
        }

        /** Its {@code TANDEM_INSTANCE_ID}, also the log file's name. */
        public Builder instance(String id) {
            this.instanceId = id;
            return this;
        }

        public Builder models(Path dir) {
            return env("TANDEM_MODELS", dir.toString());
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** A JVM option before {@code -jar}, e.g. {@code -Xmx512m}. */
        public Builder jvm(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Where {@code <instance>.log} goes (default: a fresh temporary folder). */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /** Starts the process on a free port and returns without waiting for it to be ready. */
        public TandemProcess launch() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the server first (mvn -B package -pl server -am -DskipTests)");
            }
            try {
                int port = RedisProcess.freePort();
                Path dir = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("tandem-instance-");
                Path log = dir.resolve(instanceId + ".log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.addAll(List.of("-jar", jar.toString()));
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                // Its settings only: an instance must not pick up a TANDEM_ variable of the machine running the tests.
                pb.environment().keySet().removeIf(name -> name.startsWith("TANDEM_"));
                pb.environment().putAll(env);
                pb.environment().put("PORT", Integer.toString(port));
                pb.environment().put("TANDEM_INSTANCE_ID", instanceId);
                return new TandemProcess(instanceId, port, log, ChildProcesses.track(pb.start()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start instance " + instanceId + ": " + e.getMessage(), e);
            }
        }
    }
}
