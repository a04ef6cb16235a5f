package io.tandem.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThatThrownBy(() -> TandemServer.create(ServerConfig.forModels(models)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("model.onnx: expected sha256");
    }

    @Test
    void refusesATruncatedModelFile() throws IOException {
        Path dir = copyMnist();
        Files.write(dir.resolve("model.onnx"), new byte[10], StandardOpenOption.TRUNCATE_EXISTING);
        assertThatThrownBy(() -> TandemServer.create(ServerConfig.forModels(models)))
                .hasMessageContaining("expected 88469 bytes, found 10");
    }

    @Test
    void refusesAManifestWhoseIdDiffersFromItsFolder() throws IOException {
        Path dir = copyMnist();
        Files.move(dir, models.resolve("digits"));
        assertThatThrownBy(() -> TandemServer.create(ServerConfig.forModels(models)))
                .hasMessageContaining("expected id 'digits' (the folder name), found 'mnist-cnn'");
    }

    @Test
    void explainsAMissingModelsFolder() {
        assertThatThrownBy(() -> TandemServer.create(ServerConfig.forModels(models.resolve("none"))))
                .hasMessageContaining("does not exist: build the bundles");
    }
}
