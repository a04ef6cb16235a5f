package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tandem.server.AdminClient.stateOf;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage, canary, promote, roll back and drop again and again while several clients predict
 * without pause (cache off, so every request runs the model): not one request fails, both versions
 * answer, and every version that left service is closed once its requests are done.
 */
class ReloadUnderLoadTest {
    @TempDir
    Path models;

    @Test
    void versionsChangeUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        ServerConfig config = ServerConfig.forModels(folders.models()).withAccess(
                ServerConfig.Access.open().withAdminKeys(Set.of(AdminClient.KEY)));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RunningServer server = new RunningServer(config)) {
            AdminClient admin = new AdminClient(server);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                clients.add(pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        HttpResponse<String> r = admin.predict("client-" + thread + "-" + (i % 50), false);
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            versions.computeIfAbsent(json(r).get("modelVersion").asText(), v -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }));
            }
            for (int cycle = 0; cycle < 4; cycle++) {
                admin.stage("1.1.0", 50);
                Thread.sleep(100);
                admin.ok("POST", "/promote", null);
                Thread.sleep(100);
                admin.ok("POST", "/rollback", null);
                Thread.sleep(50);
                admin.stage("1.1.0", 100);
                Thread.sleep(50);
                admin.ok("DELETE", "/candidate", null);
            }
            running.set(false);
            for (Future<?> f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(failures).as("failed requests of %d", requests.get()).isEmpty();
            assertThat(requests.get()).isGreaterThan(200);
            assertThat(versions.keySet()).containsExactlyInAnyOrder("1.0.0", "1.1.0");

            JsonNode status = admin.status();
            for (int i = 0; i < 200 && status.get("versions").size() > 1; i++) {
                Thread.sleep(20);
                status = admin.status();
            }
            assertThat(status.get("versions")).as(status.toString()).hasSize(1);
            assertThat(stateOf(status, "1.0.0")).isEqualTo("stable");
            assertThat(status.get("versions").get(0).get("inFlight").asInt()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
