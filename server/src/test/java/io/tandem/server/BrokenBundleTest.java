package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bundle whose files do not match its manifest is not loaded, and says why; the server starts
 * all the same (with no model at all, /ready is 503). Only a missing models folder stops it.
 */
class BrokenBundleTest {
    @TempDir
    Path models;

    private Path copyMnist() throws IOException {
        Path dir = Files.createDirectories(models.resolve("mnist-cnn"));
        for (String f : new String[] {"manifest.json", "model.onnx", "model.int8.onnx"}) {
            Files.copy(TestModels.dir().resolve("mnist-cnn").resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void refusesAModelFileThatDoesNotMatchItsSha() throws IOException {
        Path dir = copyMnist();
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(dir.resolve("model.onnx"), bytes);
        assertBrokenAndNotReady("mnist-cnn", "mnist-cnn/model.onnx: expected sha256");
    }

    @Test
    void refusesATruncatedModelFile() throws IOException {
        Path dir = copyMnist();
        Files.write(dir.resolve("model.onnx"), new byte[10], StandardOpenOption.TRUNCATE_EXISTING);
        assertBrokenAndNotReady("mnist-cnn", "expected 88469 bytes, found 10");
    }

    @Test
    void refusesAManifestWhoseIdDiffersFromItsFolder() throws IOException {
        Path dir = copyMnist();
        Files.move(dir, models.resolve("digits"));
        assertBrokenAndNotReady("digits", "expected id 'digits' (the folder name), found 'mnist-cnn'");
    }

    @Test
    void explainsAMissingModelsFolder() {
        assertThatThrownBy(() -> TandemServer.create(ServerConfig.forModels(models.resolve("none"))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("does not exist: build the bundles");
    }

    @Test
    void anEmptyModelsFolderStartsButIsNotReady() {
        try (RunningServer server = new RunningServer(ServerConfig.forModels(models))) {
            var ready = server.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json(ready).get("message").asText()).contains("the models folder has no bundle");
            assertThat(json(server.get("/api/v1/models")).toString()).isEqualTo("{\"models\":[],\"broken\":[]}");
        }
    }

    private void assertBrokenAndNotReady(String id, String reason) {
        try (RunningServer server = new RunningServer(ServerConfig.forModels(models))) {
            var ready = server.get("/ready");
            assertThat(ready.statusCode()).as("no model loaded").isEqualTo(503);
            JsonNode body = json(ready);
            assertThat(body.get("error").asText()).isEqualTo("not_ready");
            assertThat(body.get("message").asText()).contains("every bundle is broken");
            assertThat(body.get("broken")).singleElement().satisfies(b -> {
                assertThat(b.get("id").asText()).isEqualTo(id);
                assertThat(b.get("reason").asText()).contains(reason);
            });
            JsonNode list = json(server.get("/api/v1/models"));
            assertThat(list.get("models")).isEmpty();
            assertThat(list.get("broken").findValuesAsText("id")).containsExactly(id);
            assertThat(server.get("/api/v1/models/" + id).statusCode()).isEqualTo(404);
        }
    }
}
