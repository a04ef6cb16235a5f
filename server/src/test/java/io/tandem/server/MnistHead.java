package io.tandem.server;

import io.tandem.pipeline.image.RgbaImage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 62 MNIST test digits Tribuo ships in its tests jar (libsvm: label then index:value with
 * 0-based pixel indices, 0–255), as RGBA images the way a browser would hand them over: white
 * strokes on an opaque black background.
 */
public record MnistHead(String label, RgbaImage image) {
    public static List<MnistHead> load() {
        String resource = "/org/tribuo/interop/onnx/mnist_test_head.libsvm";
        try (InputStream in = MnistHead.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (org.tribuo:tribuo-onnx:tests)");
            }
            List<MnistHead> digits = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    digits.add(parse(line.trim()));
                }
            }
            return digits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MnistHead parse(String line) {
        String[] parts = line.split(" ");
        byte[] rgba = new byte[28 * 28 * 4];
        for (int i = 0; i < 28 * 28; i++) {
            rgba[i * 4 + 3] = (byte) 255;
        }
        for (int i = 1; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            int index = Integer.parseInt(parts[i].substring(0, colon));
            int value = (int) Double.parseDouble(parts[i].substring(colon + 1));
            rgba[index * 4] = (byte) value;
            rgba[index * 4 + 1] = (byte) value;
            rgba[index * 4 + 2] = (byte) value;
        }
        return new MnistHead(parts[0], new RgbaImage(28, 28, rgba));
    }
}
