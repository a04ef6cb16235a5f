package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.server.RunningServer.imageInput;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One good bundle and one of each kind of broken bundle in the models folder: the server starts,
 * the good one serves predictions, and each broken one is listed with a one-line reason at
 * {@code /ready} and {@code GET /api/v1/models} and logged as one WARN line without a stack trace.
 */
class BrokenBundlesAtStartTest {
    /** Folder (= id) → a part of the reason it must be listed with. */
    private static final Map<String, String> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put("bad-json", "bad-json/manifest.json: invalid JSON");
        BROKEN.put("wrong-type", "wrong-type/manifest.json: manifest: field 'version' must be a string");
        BROKEN.put("unknown-task", "unknown-task/manifest.json: task: expected one of [image-classification, ");
        // The case: ImageNet's per-channel mean in the digit preset, which takes one number.
        BROKEN.put("channel-mean", "preprocessing.mean: expected a number, found an array of 3");
        BROKEN.put("missing-file", "missing-file/model.onnx: missing");
        BROKEN.put("corrupt-onnx", "cannot load model corrupt-onnx:");
        BROKEN.put("smoke-fails", "the smoke prediction failed:");
        BROKEN.put("wrong-id", "wrong-id/manifest.json: expected id 'wrong-id' (the folder name), found 'digits'");
    }

    @TempDir
    static Path models;
    private static RunningServer server;
    private static String startLog;

    @BeforeAll
    static void start() throws IOException {
        BundleCopies.copy(models, "mnist-cnn");
        BundleCopies.writeManifest(BundleCopies.copy(models, "bad-json"), "{\"schema\": 1, \"id\": \"bad-json\", \"version\": ");
        VersionFolders.replaceInManifest(BundleCopies.copy(models, "wrong-type"), "\"version\": \"1.0.0\"", "\"version\": 100");
        VersionFolders.replaceInManifest(BundleCopies.copy(models, "unknown-task"), "\"task\": \"image-classification\"",
                "\"task\": \"image-clasification\"");
        VersionFolders.replaceInManifest(BundleCopies.copy(models, "channel-mean"), "\"mean\": 0.1307", "\"mean\": [0.485, 0.456, 0.406]");
        Files.delete(BundleCopies.copy(models, "missing-file").resolve("model.onnx"));
        // Size and sha256 recorded as they are, so the bytes reach onnxruntime, which refuses them.
        VersionFolders.replaceModelFile(BundleCopies.copy(models, "corrupt-onnx"), "not an onnx model".getBytes(StandardCharsets.UTF_8));
        // Loads and matches its signature, but the pipeline feeds 14×14 to a 28×28 network.
        Path smoke = BundleCopies.copy(models, "smoke-fails");
        VersionFolders.replaceInManifest(smoke, "\"size\": 28", "\"size\": 14");
        VersionFolders.replaceInManifest(smoke, "\"box\": 20", "\"box\": 10");
        VersionFolders.replaceInManifest(BundleCopies.copy(models, "wrong-id"), "\"id\": \"wrong-id\"", "\"id\": \"digits\"");
        // Not bundles: no manifest, or a hidden folder (a copy in progress).
        Files.createDirectories(models.resolve("notes"));
        BundleCopies.copy(models, ".incoming");

        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            server = new RunningServer(ServerConfig.forModels(models).withModels(new ServerConfig.Models(Duration.ZERO, 64)));
        } finally {
            System.setErr(original);
        }
        startLog = captured.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theGoodBundleServesPredictions() {
        MnistHead digit = MnistHead.load().get(0);
        HttpResponse<String> r = server.postJson("/api/v1/models/mnist-cnn/predict", imageInput(digit.image()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("output").get(0).get("label").asText()).isEqualTo(digit.label());
    }

    @Test
    void readyStaysReadyAndListsEveryBrokenBundleWithItsReason() {
        HttpResponse<String> r = server.get("/ready");
        assertThat(r.statusCode()).as("one broken bundle does not take the node out").isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("models").toString()).isEqualTo("[\"mnist-cnn\"]");
        assertListed(body.get("broken"));
    }

    @Test
    void theModelListKeepsItsShapeAndAddsTheBrokenBundles() {
        HttpResponse<String> r = server.get("/api/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("models")).hasSize(1);
        JsonNode good = body.get("models").get(0);
        assertThat(good.get("id").asText()).isEqualTo("mnist-cnn");
        assertThat(good.get("task").asText()).isEqualTo("image-classification");
        assertThat(good.get("manifest").asText()).isEqualTo("/models/mnist-cnn/manifest.json");
        assertThat(good.get("variants")).isNotEmpty();
        assertListed(body.get("broken"));
        for (String id : BROKEN.keySet()) {
            assertThat(server.get("/api/v1/models/" + id).statusCode()).as(id + " is not served").isEqualTo(404);
        }
    }

    @Test
    void eachBrokenBundleIsOneWarnLineWithoutAStackTrace() {
        List<String> warns = startLog.lines().filter(l -> l.contains("WARN") && l.contains("is broken, not loaded")).toList();
        assertThat(warns).hasSize(BROKEN.size());
        for (Map.Entry<String, String> e : BROKEN.entrySet()) {
            assertThat(warns).filteredOn(l -> l.contains("bundle " + e.getKey() + " is broken")).singleElement()
                    .satisfies(l -> assertThat(l).contains(e.getValue()));
        }
        assertThat(startLog).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(startLog).doesNotContain("notes").doesNotContain(".incoming");
    }

    @Test
    void theOpenApiDocumentDescribesTheseShapes() {
        JsonNode schemas = json(server.get("/openapi.json")).get("components").get("schemas");
        assertShape(json(server.get("/api/v1/models")), schemas.get("ModelList"));
        assertShape(json(server.get("/api/v1/models")).get("models").get(0), schemas.get("ModelList").at("/properties/models/items"));
        assertShape(json(server.get("/ready")), schemas.get("Ready"));
        assertShape(json(server.get("/ready")).get("broken").get(0), schemas.get("BrokenBundle"));
    }

    /** Every field the schema requires is there, and every field there is in the schema. */
    private static void assertShape(JsonNode body, JsonNode schema) {
        for (JsonNode required : schema.get("required")) {
            assertThat(body.has(required.asText())).as("%s in %s", required, body).isTrue();
        }
        body.fieldNames().forEachRemaining(f -> assertThat(schema.get("properties").has(f)).as("%s documented", f).isTrue());
    }

    private static void assertListed(JsonNode broken) {
        assertThat(broken).hasSize(BROKEN.size());
        for (JsonNode b : broken) {
            String id = b.get("id").asText();
            assertThat(BROKEN).containsKey(id);
            String reason = b.get("reason").asText();
            assertThat(reason).contains(BROKEN.get(id)).doesNotContain("\n")
                    .as("no path of the host").doesNotContain(models.toString());
            assertThat(reason.length()).isLessThanOrEqualTo(300);
            assertThat(b.get("since").asText()).isNotBlank();
        }
        assertThat(broken.findValuesAsText("id")).as("sorted by id").isSorted();
    }
}
