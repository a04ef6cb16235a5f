package io.tandem.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in front of Tandem instances, configured from the committed template
 * ({@link NginxTemplate}) and listening on a free loopback port. Everything it writes (pid, logs,
 * temporary bodies) stays in a fresh folder given as its prefix, so it runs as any user and leaves
 * the system's nginx alone. A missing binary fails with the command that installs it: a test behind
 * nginx must never pass by skipping.
 */
public final class NginxProcess implements AutoCloseable {
    public static final String BINARY = System.getProperty("tandem.nginx", "/usr/sbin/nginx");
    public static final String INSTALL = "sudo apt-get update && sudo apt-get install -y nginx";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final Process process;

    private NginxProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx over the instances on {@code instancePorts} and waits until it accepts connections. */
    public static NginxProcess start(Path template, List<Integer> instancePorts) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing; install it with: " + INSTALL);
        }
        try {
            Path dir = Files.createTempDirectory("tandem-nginx-");
            // Started as root, nginx's workers run as another user: they must reach the temp folders.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = RedisProcess.freePort();
            Files.writeString(dir.resolve("tandem.conf"), NginxTemplate.render(template, instancePorts, port), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("nginx.conf"), mainConfig(dir), StandardCharsets.UTF_8);
            for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(dir.resolve("temp").resolve(temp));
            }
            Process process = ChildProcesses.track(new ProcessBuilder(BINARY, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start());
            NginxProcess nginx = new NginxProcess(dir, port, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nginx: " + e.getMessage(), e);
        }
    }

    /**
     * The frame the template goes in, as Debian's /etc/nginx/nginx.conf is in production, with
     * every path nginx writes inside {@code dir}. One worker: the instances need the cores.
     */
    private static String mainConfig(Path dir) {
        String d = dir.toString();
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    include %1$s/tandem.conf;
                }
                """.formatted(d);
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited at start with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Pause.millis(50);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s:\n" + log());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** What nginx printed and logged as errors, for a failure message. */
    public String log() {
        return tail(dir.resolve("nginx.out")) + tail(dir.resolve("error.log"));
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops it with SIGTERM (nginx's fast shutdown). Not SIGKILL: a killed master leaves its
     * workers behind, still holding the port.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Folders.deleteQuietly(dir);
    }

}
