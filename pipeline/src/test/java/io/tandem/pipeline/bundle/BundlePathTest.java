package io.tandem.pipeline.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A manifest names files inside its bundle only: every reader (converter, server, browser) refuses the rest. */
class BundlePathTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../../../../etc/passwd", "a/../../b", "..", ".", "./model.onnx", "a//b",
            "a/", "C:model.onnx", "c:\\x\\model.onnx", "models\\model.onnx", "http://x/model.onnx", "a\tb", "line\nbreak"})
    void refusesPathsOutsideTheBundle(String path) {
        assertThat(BundleFile.pathProblem(path)).isNotNull();
        assertThatThrownBy(() -> new BundleFile(path, 1, "00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.onnx", "model.int8.onnx", "vocab.txt", "sub/dir/labels.txt", "model..onnx", ".hidden"})
    void acceptsPlainRelativeNames(String path) {
        assertThat(BundleFile.pathProblem(path)).isNull();
    }

    @Test
    void manifestsWithSuchPathsDoNotParse() {
        String json = ManifestTest.sample().toJson();
        assertThatThrownBy(() -> Manifest.parse(json.replace("\"model.int8.onnx\"", "\"../../../../etc/passwd\"")))
                .hasMessageContaining("'../../../../etc/passwd' refused");
        assertThatThrownBy(() -> Manifest.parse(json.replace("\"labels.txt\"", "\"/etc/passwd\"")))
                .hasMessageContaining("'/etc/passwd' refused: absolute");
        assertThatThrownBy(() -> Manifest.parse(json.replace("\"bytes\": 5", "\"bytes\": -5")))
                .hasMessageContaining("bytes must not be negative");
    }

    @Test
    void aVocabularyOutsideTheBundleIsRefused() {
        String json = ManifestTest.sample().toJson().replace("\"type\": \"digit-image\"", "\"type\": \"digit-image\", \"vocab\": \"../vocab.txt\"");
        assertThatThrownBy(() -> Manifest.parse(json)).hasMessageContaining("preprocessing.vocab '../vocab.txt' refused");
    }

    /** The committed bundles (read from the repository's models/ folder when the build runs there). */
    @Test
    void theCommittedManifestsStillParse() throws IOException {
        Path models = Path.of("..", "models");
        List<Path> manifests = new ArrayList<>();
        if (Files.isDirectory(models)) {
            try (Stream<Path> dirs = Files.list(models)) {
                dirs.map(d -> d.resolve("manifest.json")).filter(Files::isRegularFile).forEach(manifests::add);
            }
        }
        if (Files.isDirectory(models)) {
            assertThat(manifests).as("manifests under " + models.toAbsolutePath()).isNotEmpty();
        }
        for (Path m : manifests) {
            Manifest parsed = Manifest.parse(Files.readString(m, StandardCharsets.UTF_8));
            assertThat(parsed.variants()).isNotEmpty();
        }
    }
}
