package io.tandem.pipeline.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reference: HuggingFace tokenizers (Rust, through DJL's JNI binding) loaded from the same
 * tokenizer.json, without padding and truncating to its max length of 128, as a model would be fed.
 *
 * <p>DJL unpacks the native library from its jar; surefire sets ai.djl.offline=true and
 * RUST_FLAVOR=cpu so that it never downloads a CUDA build on a GPU machine (see pipeline/pom.xml).
 */
final class ReferenceTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    ReferenceTokenizer(Path tempDir) throws IOException {
        Path json = tempDir.resolve("tokenizer.json");
        Files.write(json, MiniLm.json().getBytes(StandardCharsets.UTF_8));
        tokenizer = HuggingFaceTokenizer.newInstance(json,
                Map.of("padding", "false", "truncation", "true", "maxLength", "128"));
    }

    /** Reference ids and attention mask, as ints. */
    int[][] encode(String text) {
        Encoding e = tokenizer.encode(text);
        return new int[][] {toInts(e.getIds()), toInts(e.getAttentionMask())};
    }

    String version() {
        return tokenizer.getVersion();
    }

    private static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
