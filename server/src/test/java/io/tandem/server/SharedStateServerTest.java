package io.tandem.server;

import io.tandem.server.shared.SharedStateConfig;
import io.tandem.testkit.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the real app in one JVM sharing one real Redis (Debian's redis-server on a
 * loopback port): what one instance learns, the other knows. The process-level test with nginx
 * in front and kill -9 is in the {@code cluster} module; this one pins the server's own behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStateServerTest {
    /** Each test its own key: the per-key limit counts every request a key makes, on any instance. */
    private static final String CACHE_KEY = "cache-key", LIMIT_KEY = "limit-key", PROMO_KEY = "promo-key", DRIFT_KEY = "drift-key",
            JOB_KEY = "job-key";
    private static final int PER_KEY_LIMIT = 40;

    @TempDir
    static Path models;

    private RedisProcess redis;
    private RunningServer a;
    private RunningServer b;

    @BeforeAll
    void start() {
        redis = RedisProcess.start();
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        a = new RunningServer(config(folders.models(), "instance-a"));
        b = new RunningServer(config(folders.models(), "instance-b"));
    }

    private ServerConfig config(Path dir, String instance) {
        ServerConfig.Access access = new ServerConfig.Access(Set.of(CACHE_KEY, LIMIT_KEY, PROMO_KEY, DRIFT_KEY, JOB_KEY), ServerConfig.RateLimit.perMinute(PER_KEY_LIMIT),
                ServerConfig.RateLimit.perMinute(0), Set.of(AdminClient.KEY));
        return ServerConfig.forModels(dir).withAccess(access)
                .withShared(SharedStateConfig.redis(redis.url()).withInstanceId(instance));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[]{a, b, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private HttpResponse<String> predict(RunningServer server, String key, String client, boolean cached) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + VersionFolders.MODEL + "/predict"
                        + (cached ? "" : "?cache=false"))))
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .header("X-Tandem-Client", client)
                .POST(HttpRequest.BodyPublishers.ofString(Digit.JSON)).build());
    }

    @Test
    void anAnswerCachedByAIsServedByBWithTheSameOutput() {
        HttpResponse<String> onA = predict(a, CACHE_KEY, "cache-client", true);
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
        assertThat(onA.headers().firstValue("X-Tandem-Instance")).hasValue("instance-a");
        HttpResponse<String> onB = predict(b, CACHE_KEY, "cache-client", true);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.headers().firstValue("X-Tandem-Instance")).hasValue("instance-b");
        assertThat(onB.headers().firstValue("X-Tandem-Cache")).as("B never saw this input").hasValue("HIT");
        assertThat(json(onB).get("output")).isEqualTo(json(onA).get("output"));
        assertThat(b.get("/metrics").body()).contains("tandem_cache_lookups_total{outcome=\"shared_hit\"} 1.0");
    }

    @Test
    void aPerKeyLimitCountsTheRequestsOfBothInstances() {
        String key = LIMIT_KEY;
        redis.command("DEL tandem:limit:key:" + key);
        int passed = 0;
        for (int i = 0; i < PER_KEY_LIMIT; i++) {
            HttpResponse<String> r = predict(i % 2 == 0 ? a : b, key, "limit-client", false);
            assertThat(r.statusCode()).as("request %d: %s", i, r.body()).isEqualTo(200);
            passed++;
        }
        assertThat(passed).isEqualTo(PER_KEY_LIMIT);
        HttpResponse<String> over = predict(a, key, "limit-client", false);
        assertThat(over.statusCode()).as("the %d+1st request, half of them made on the other instance", PER_KEY_LIMIT).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(over).get("error").asText()).isEqualTo("too_many_requests");
        redis.command("DEL tandem:limit:key:" + key);
    }

    @Test
    void aPromotionThroughOneInstanceIsServedByTheOtherWithinASecondOrTwo() {
        AdminClient adminA = new AdminClient(a);
        adminA.stage("1.1.0", 0);
        awaitTrue("B loads the candidate A staged", () -> AdminClient.stateOf(new AdminClient(b).status(), "1.1.0").equals("candidate"));
        adminA.ok("POST", "/promote", null);
        long start = System.nanoTime();
        awaitTrue("B serves 1.1.0", () -> versionOf(predict(b, PROMO_KEY, "promo-client", false)).equals("1.1.0"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(AdminClient.stateOf(new AdminClient(b).status(), "1.0.0")).isEqualTo("retired");
        adminA.ok("POST", "/rollback", null);
        awaitTrue("B rolls back too", () -> versionOf(predict(b, PROMO_KEY, "promo-client", false)).equals("1.0.0"));
    }

    @Test
    void driftCountsFromBothInstancesAppearInOneVerdict() {
        long before = serverSamples(a);
        for (int i = 0; i < 3; i++) {
            assertThat(predict(a, DRIFT_KEY, "drift-a", false).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(predict(b, DRIFT_KEY, "drift-b", false).statusCode()).isEqualTo(200);
        }
        awaitTrue("A's drift includes B's 2 inputs", () -> serverSamples(a) == before + 5);
        awaitTrue("B's drift includes A's 3 inputs", () -> serverSamples(b) == before + 5);
    }

    @Test
    void aJobSubmittedToOneInstanceIsPolledAndStreamedThroughTheOther() throws Exception {
        Object digit = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Digit.JSON, java.util.Map.class).get("input");
        HttpResponse<String> accepted = a.send(HttpRequest.newBuilder(URI.create(a.url("/api/v1/models/" + VersionFolders.MODEL + "/jobs")))
                .header("Content-Type", "application/json").header("X-API-Key", JOB_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(java.util.Map.of("inputs", java.util.List.of(digit, digit, digit))))).build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).get("id").asText();

        HttpResponse<String> stream = b.send(HttpRequest.newBuilder(URI.create(b.url("/api/v1/jobs/" + id + "/events")))
                .header("Accept", "text/event-stream").header("X-API-Key", JOB_KEY).timeout(Duration.ofSeconds(20)).GET().build());
        assertThat(stream.body()).as("B streams a job A accepted").contains("event: done");
        HttpResponse<String> polled = b.get("/api/v1/jobs/" + id, "X-API-Key", JOB_KEY);
        assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
        assertThat(json(polled).get("state").asText()).isEqualTo("succeeded");
        assertThat(json(polled).get("results")).hasSize(3);
        assertThat(json(polled).get("results").get(0)).isEqualTo(json(polled).get("results").get(2));
        assertThat(a.get("/metrics").body()).contains("tandem_jobs_queue_depth");
    }

    /** Server-side inputs of the stable version, over every instance. */
    private long serverSamples(RunningServer server) {
        HttpResponse<String> r = server.get("/api/v1/models/" + VersionFolders.MODEL + "/drift", "X-API-Key", DRIFT_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("sources").get("server").get("samples").asLong();
    }

    private static String versionOf(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("modelVersion").asText();
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 5 s: " + what);
    }

    /** One real MNIST digit as a predict body (AdminClient's), and as one of a job's inputs. */
    static final class Digit {
        static final String JSON = AdminClient.DIGIT;
        static final String INPUT = JSON.substring(JSON.indexOf(':') + 1, JSON.length() - 1);
    }
}
