package io.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances sharing one Redis, nginx in front: what one instance accepts, caches, promotes
 * or counts, the others see. The tests share the cluster but not their data: each uses inputs of
 * its own, and the drift test counts a difference, so none depends on another having run.
 */
class SharedStateAcrossInstancesTest extends ClusterTestBase {
    private static final String PENGUINS = "penguins";
    private static final String MINILM = "minilm-l6-v2";
    private static final String ADMIN_KEY = "ops-secret";
    private static final String DRIFT = "/api/v1/models/" + PENGUINS + "/drift";


    @BeforeAll
    void start() {
        cluster = Cluster.named("shared-state").bundles(PENGUINS, MINILM).staged(PENGUINS, "1.1.0")
                .env("TANDEM_ADMIN_KEYS", ADMIN_KEY)
                .start("a", "b", "c");
        cluster.startNginx();
    }

    @Test
    void aJobSubmittedOnOneInstanceIsPolledAndStreamedOnAnother() {
        List<Object> inputs = Inputs.longTexts(1, 60);
        Reply submitted = cluster.api("a").submitJob(MINILM, inputs);
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(202);
        assertThat(submitted.instance()).isEqualTo("a");
        String location = submitted.header("Location").orElseThrow(() -> new AssertionError("no Location: " + submitted));
        assertThat(location).isEqualTo("/api/v1/jobs/" + submitted.json().path("id").asText());

        Reply onB = cluster.api("b").get(location);
        assertThat(onB.status()).as("%s", onB).isEqualTo(200);
        assertThat(onB.instance()).isEqualTo("b");
        assertThat(onB.json().path("id").asText()).isEqualTo(submitted.json().path("id").asText());

        SseStream.Result stream = SseStream.read(cluster.api("b"), location + "/events", Duration.ofSeconds(90));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.instance()).isEqualTo("b");
        assertThat(stream.named("progress")).as("progress events before the job finished").isNotEmpty();
        assertThat(stream.named("done")).hasSize(1);
        assertThat(stream.events().get(stream.events().size() - 1).name()).as("done ends the stream").isEqualTo("done");
        JsonNode done = json(stream.named("done").get(0).data());
        assertSucceededWith(done, inputs.size());

        Reply onC = cluster.api("c").get(location);
        assertThat(onC.status()).as("%s", onC).isEqualTo(200);
        assertSucceededWith(onC.json(), inputs.size());
        assertThat(onC.json().path("results")).isEqualTo(done.path("results"));
    }

    @Test
    void throughNginxAJobStreamsWhileItRunsAndAnyInstanceAnswersForIt() {
        Api nginx = cluster.viaNginx();
        // Small enough that all its progress events (~110 bytes each) fit in one of nginx's 4 KiB
        // proxy buffers, long enough to run for most of a second: were nginx to buffer the stream,
        // they would all arrive at the end, with the results.
        List<Object> inputs = Inputs.longTexts(2, 30);
        Reply submitted = nginx.submitJob(MINILM, inputs);
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(202);
        String location = submitted.header("Location").orElseThrow(() -> new AssertionError("no Location: " + submitted));

        SseStream.Result stream = SseStream.read(nginx, location + "/events", Duration.ofSeconds(120));
        assertThat(stream.status()).isEqualTo(200);
        List<SseStream.Event> progress = stream.named("progress");
        assertThat(progress).as("progress events through nginx").hasSizeGreaterThanOrEqualTo(2);
        assertThat(stream.named("done")).hasSize(1);
        long spreadMs = (stream.named("done").get(0).arrivedNanos() - progress.get(0).arrivedNanos()) / 1_000_000;
        assertThat(spreadMs).as("ms between the first progress event and done: nginx must pass events on as they come").isGreaterThan(300);
        assertSucceededWith(json(stream.named("done").get(0).data()), inputs.size());

        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            Reply r = nginx.get(location);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertSucceededWith(r.json(), inputs.size());
            answeredBy.add(r.instance());
        }
        assertThat(answeredBy).as("instances nginx sent the nine reads to").hasSizeGreaterThanOrEqualTo(2).doesNotContain("?");
    }

    @Test
    void aPredictionCachedOnOneInstanceIsAHitOnTheOthers() {
        Map<String, Object> record = Inputs.penguin(50_001);
        Reply first = cluster.api("a").predict(PENGUINS, record);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.header(Reply.CACHE_HEADER)).as("%s", first).contains("MISS");

        for (String other : List.of("b", "c")) {
            Reply again = cluster.api(other).predict(PENGUINS, record);
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(again.instance()).isEqualTo(other);
            assertThat(again.header(Reply.CACHE_HEADER)).as("%s", again).contains("HIT");
            assertThat(again.json().path("output")).isEqualTo(first.json().path("output"));
        }
    }

    @Test
    void aVersionPromotedThroughOneInstanceIsServedByAllWithinTwoSeconds() {
        Api admin = cluster.api("a").key(ADMIN_KEY);
        Reply staged = admin.post("/api/v1/admin/models/" + PENGUINS + "/versions", Map.of("version", "1.1.0", "canaryPercent", 0));
        assertThat(staged.status()).as("%s", staged).isEqualTo(201);
        Reply promoted = admin.post("/api/v1/admin/models/" + PENGUINS + "/promote", Map.of());
        assertThat(promoted.status()).as("%s", promoted).isBetween(200, 204);
        long promotedAt = System.nanoTime();

        Map<String, Object> record = Inputs.penguin(60_001);
        for (String id : List.of("a", "b", "c")) {
            Api api = cluster.api(id).noCache();
            Reply r = Poll.until(Duration.ofSeconds(2).minusNanos(System.nanoTime() - promotedAt), Duration.ofMillis(50),
                    () -> api.predict(PENGUINS, record), p -> "1.1.0".equals(p.json().path("modelVersion").asText()));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.instance()).isEqualTo(id);
            assertThat(r.json().path("modelVersion").asText())
                    .as("instance %s's version %d ms after the promotion: %s", id, (System.nanoTime() - promotedAt) / 1_000_000, r)
                    .isEqualTo("1.1.0");
        }
    }

    @Test
    void driftCountsFromEveryInstanceMeetInOneVerdict() {
        long before = settledServerSamples();
        int onA = 7;
        int onB = 5;
        // Past the cache (hits are not counted again), each record new.
        for (int i = 0; i < onA; i++) {
            Reply r = cluster.api("a").noCache().predict(PENGUINS, Inputs.penguin(70_000 + i));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
        }
        for (int i = 0; i < onB; i++) {
            Reply r = cluster.api("b").noCache().predict(PENGUINS, Inputs.penguin(71_000 + i));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
        }
        long expected = before + onA + onB;
        for (String id : List.of("a", "b", "c")) {
            Reply r = Poll.until(Duration.ofSeconds(4), Duration.ofMillis(100), () -> cluster.api(id).get(DRIFT),
                    d -> serverSamples(d) >= expected);
            assertThat(serverSamples(r)).as("sources.server.samples on %s, %d before: %s", id, before, r).isEqualTo(expected);
        }
    }

    /**
     * The server samples every instance reports once they agree and stay put: each instance
     * publishes its window about once a second, so right after other tests' predictions one
     * instance may still count fewer than another.
     */
    private long settledServerSamples() {
        long previous = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Set<Long> seen = new HashSet<>();
            for (String id : List.of("a", "b", "c")) {
                seen.add(serverSamples(cluster.api(id).get(DRIFT)));
            }
            if (seen.size() == 1 && seen.contains(previous)) {
                return previous;
            }
            previous = seen.size() == 1 ? seen.iterator().next() : -1;
            sleep(1500);
        }
        throw new AssertionError("the instances' drift counts did not settle within 10 s");
    }

    private static long serverSamples(Reply drift) {
        assertThat(drift.status()).as("%s", drift).isEqualTo(200);
        return drift.json().path("sources").path("server").path("samples").asLong(0);
    }

    private static void assertSucceededWith(JsonNode job, int inputs) {
        assertThat(job.path("state").asText()).as("%s", job).isEqualTo("succeeded");
        assertThat(job.path("results").size()).as("results of a job of %d inputs", inputs).isEqualTo(inputs);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
