package io.tandem.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server}, started on a free loopback port in a fresh folder with no
 * persistence, for tests and benchmarks. A missing binary fails with the command that installs
 * it: a shared-state test must never pass by skipping.
 */
public final class RedisProcess implements AutoCloseable {
    public static final String BINARY = System.getProperty("tandem.redis-server", "/usr/bin/redis-server");
    public static final String INSTALL = "sudo apt-get update && sudo apt-get install -y redis-server";

    private final int port;
    private final Path dir;
    private Process process;

    private RedisProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a Redis with {@code extraArgs} (e.g. {@code --maxmemory 64mb}) and waits until it answers. */
    public static RedisProcess start(String... extraArgs) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing; install it with: " + INSTALL);
        }
        try {
            RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("tandem-redis-"));
            redis.launch(extraArgs);
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
    }

    private void launch(String... extraArgs) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "yes"));
        command.addAll(List.of(extraArgs));
        // Tracked: a test JVM that dies early must not leave a redis-server behind.
        process = ChildProcesses.track(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + Files.readString(dir.resolve("redis.log")));
            }
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            Pause.millis(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("redis://127.0.0.1:" + port + "/0");
    }

    /** Stops it hard (as a crash would) and keeps the port, so {@link #restart} comes back at the same URL. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port, empty. */
    public void restart(String... extraArgs) {
        try {
            launch(extraArgs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart redis-server: " + e.getMessage(), e);
        }
    }

    /**
     * One inline command (words separated by spaces) and the first line of its answer, e.g.
     * {@code +PONG}, {@code :3}, {@code $5}; null when Redis does not answer. For test set-up and
     * checks that must not go through the code under test.
     */
    public String command(String inline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            kill();
        }
        Folders.deleteQuietly(dir);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
