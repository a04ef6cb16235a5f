package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static io.tandem.server.AdminClient.stateOf;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broken new version is refused with 422 and the reason, and the working version keeps serving:
 * each check a staged version must pass (files, session, signature, task, smoke prediction).
 */
class BrokenVersionTest {
    @TempDir
    Path models;
    private VersionFolders folders;
    private RunningServer server;
    private AdminClient admin;

    @BeforeEach
    void start() {
        folders = new VersionFolders(models);
        server = new RunningServer(ServerConfig.forModels(folders.models()).withAccess(
                ServerConfig.Access.open().withAdminKeys(Set.of(AdminClient.KEY))));
        admin = new AdminClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Staging is refused with 422, nothing changes, and 1.0.0 still answers everyone. */
    private String refused(String version) {
        JsonNode error = admin.fails(422, "version_rejected", "POST", "/versions",
                "{\"version\":\"" + version + "\",\"canaryPercent\":100}");
        JsonNode status = admin.status();
        assertThat(stateOf(status, "1.0.0")).isEqualTo("stable");
        assertThat(status.get("versions")).hasSize(1);
        assertThat(status.get("canaryPercent").asInt()).isZero();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = admin.predict("client-" + i, false);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("modelVersion").asText()).isEqualTo("1.0.0");
        }
        return error.get("message").asText();
    }

    @Test
    void aModelFileThatDoesNotMatchItsSha() throws IOException {
        Path dir = folders.stage("1.1.0");
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(dir.resolve("model.onnx"), bytes);
        assertThat(refused("1.1.0")).startsWith("version 1.1.0 refused: ").contains("model.onnx: expected sha256");
    }

    @Test
    void aTruncatedModelFileEvenWithAMatchingManifest() throws IOException {
        Path dir = folders.stage("1.1.0");
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        // The sha256 and size in the manifest match the truncated file: onnxruntime refuses it.
        VersionFolders.replaceModelFile(dir, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(refused("1.1.0")).contains("cannot load model mnist-cnn");
    }

    @Test
    void aModelWhoseSignatureDiffersFromItsManifest() {
        Path dir = folders.stage("1.1.0");
        VersionFolders.replaceInManifest(dir, "\"name\": \"output_probs\"", "\"name\": \"probabilities\"");
        assertThat(refused("1.1.0")).contains("outputs: expected [probabilities], found [output_probs]");
    }

    @Test
    void aModelThatLoadsButCannotPredictFailsTheSmokePrediction() {
        Path dir = folders.stage("1.1.0");
        // The pipeline now feeds 14×14 images to a network built for 28×28: same rank, wrong size.
        VersionFolders.replaceInManifest(dir, "\"size\": 28", "\"size\": 14");
        VersionFolders.replaceInManifest(dir, "\"box\": 20", "\"box\": 10");
        assertThat(refused("1.1.0")).contains("the smoke prediction failed");
    }

    @Test
    void aVersionWhoseFolderNameDiffersFromItsManifest() throws IOException {
        Path dir = folders.stage("1.1.0");
        Files.move(dir, dir.resolveSibling("1.2.0"));
        assertThat(refused("1.2.0")).contains("expected version '1.2.0' (the folder name), found '1.1.0'");
    }

    @Test
    void aVersionOfAnotherTask() {
        Path dir = folders.stage("1.1.0");
        VersionFolders.replaceInManifest(dir, "\"task\": \"image-classification\"", "\"task\": \"text-embedding\"");
        assertThat(refused("1.1.0")).contains("expected task 'image-classification' (as the stable version 1.0.0), found 'text-embedding'");
    }

    @Test
    void aBrokenVersionAfterAGoodOneLeavesTheGoodOneInPlace() throws IOException {
        folders.stage("1.1.0");
        admin.stage("1.1.0", 0);
        admin.ok("POST", "/promote", null);
        Path broken = folders.stage("1.2.0");
        Files.write(broken.resolve("model.int8.onnx"), new byte[10]);
        admin.fails(422, "version_rejected", "POST", "/versions", "{\"version\":\"1.2.0\"}");
        JsonNode status = admin.status();
        assertThat(stateOf(status, "1.1.0")).isEqualTo("stable");
        assertThat(stateOf(status, "1.0.0")).isEqualTo("retired");
        assertThat(stateOf(status, "1.2.0")).isEqualTo("absent");
        assertThat(json(admin.predict("c", false)).get("modelVersion").asText()).isEqualTo("1.1.0");
    }
}
