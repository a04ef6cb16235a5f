package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static io.tandem.server.RunningServer.imageInput;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server with its watcher on (a pass every 200 ms): bundles added while it runs are
 * served, a half-copied one only once complete, a broken one once fixed; /ready, the model list and
 * the metrics follow.
 */
class ModelsWatcherServerTest {
    private static final Duration PERIOD = Duration.ofMillis(200);
    /** Generous for a busy two-core machine; a pick-up takes two passes and one load. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path models;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        BundleCopies.copy(models, "mnist-cnn");
        VersionFolders.replaceInManifest(BundleCopies.copy(models, "fix-me"), "\"task\": \"image-classification\"", "\"task\": \"digits\"");
        server = new RunningServer(ServerConfig.forModels(models).withModels(new ServerConfig.Models(PERIOD, 64)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBundleAddedWhileRunningIsServedWithinAFewPasses() {
        long start = System.nanoTime();
        BundleCopies.copyAtomically(models, "digits-new");
        awaitListing(body -> body.get("models").findValuesAsText("id").contains("digits-new"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("two passes and a load").isLessThan(DEADLINE);

        MnistHead digit = MnistHead.load().get(0);
        var r = server.postJson("/api/v1/models/digits-new/predict", imageInput(digit.image()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("model").asText()).isEqualTo("digits-new");
        assertThat(json(r).get("output").get(0).get("label").asText()).isEqualTo(digit.label());
        assertThat(json(server.get("/ready")).get("models").toString()).contains("\"digits-new\"");
        assertThat(server.get("/api/v1/models/digits-new").statusCode()).isEqualTo(200);
        assertThat(server.get("/models/digits-new/manifest.json").statusCode()).isEqualTo(200);
        assertThat(server.get("/metrics").body()).contains("tandem_queue_depth{model=\"digits-new\"}")
                .contains("tandem_model_versions_loaded{model=\"digits-new\"}");
        assertThat(json(server.get("/openapi.json")).at("/paths/~1api~1v1~1models~1{id}~1predict/post/requestBody/content/application~1json/examples")
                .has("digits-new")).as("the API docs have an example for the new bundle").isTrue();
    }

    @Test
    void aHalfCopiedBundleIsServedOnlyOnceComplete() throws InterruptedException {
        Path dir = BundleCopies.startCopy(models, "digits-slow", 2_000);
        for (int i = 0; i < 5; i++) {
            Thread.sleep(PERIOD.toMillis());
            assertThat(json(server.get("/api/v1/models")).get("models").findValuesAsText("id")).doesNotContain("digits-slow");
            assertThat(server.postJson("/api/v1/models/digits-slow/predict", imageInput(MnistHead.load().get(0).image())).statusCode())
                    .isEqualTo(404);
        }
        BundleCopies.continueCopy(dir, BundleCopies.modelSize());
        JsonNode body = awaitListing(b -> b.get("models").findValuesAsText("id").contains("digits-slow"));
        assertThat(body.get("broken").findValuesAsText("id")).doesNotContain("digits-slow");
    }

    @Test
    void aBrokenBundleFixedWhileRunningIsLoaded() {
        JsonNode ready = json(server.get("/ready"));
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        VersionFolders.replaceInManifest(models.resolve("fix-me"), "\"task\": \"digits\"", "\"task\": \"image-classification\"");
        awaitListing(body -> body.get("models").findValuesAsText("id").contains("fix-me")
                && !body.get("broken").findValuesAsText("id").contains("fix-me"));
        assertThat(json(server.get("/ready")).get("broken").findValuesAsText("id")).doesNotContain("fix-me");
    }

    private static JsonNode awaitListing(Predicate<JsonNode> done) {
        long until = System.nanoTime() + DEADLINE.toNanos();
        JsonNode body;
        do {
            body = json(server.get("/api/v1/models"));
            if (done.test(body)) {
                return body;
            }
            sleep();
        } while (System.nanoTime() < until);
        throw new AssertionError("not within " + DEADLINE + ": " + body);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
