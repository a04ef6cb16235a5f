package io.tandem.pipeline.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
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
        this(tempDir, "tokenizer.json", MiniLm.json());
    }

    /** The reference for another tokenizer.json text (a variant of MiniLM's normaliser settings). */
    ReferenceTokenizer(Path tempDir, String fileName, String tokenizerJson) throws IOException {
        Path json = tempDir.resolve(fileName);
        Files.write(json, tokenizerJson.getBytes(StandardCharsets.UTF_8));
        tokenizer = HuggingFaceTokenizer.newInstance(json,
                Map.of("padding", "false", "truncation", "true", "maxLength", "128"));
    }

    /** Reference ids and attention mask, as ints. */
    int[][] encode(String text) {
        Encoding e = tokenizer.encode(text);
        return new int[][] {toInts(e.getIds()), toInts(e.getAttentionMask())};
    }

    /** The reference's whole encoding: ids, offsets (see {@link #utf16Offsets}), word ids, masks. */
    Encoding encodeFull(String text) {
        return tokenizer.encode(text);
    }

    /**
     * The reference's token spans as UTF-16 pairs {@code [start0, end0, ...]}, (0, 0) where it has
     * none ([CLS], [SEP]). HuggingFace counts char offsets in Unicode scalar values (Rust chars),
     * not UTF-16 units, so each is moved to the UTF-16 index of that code point in {@code text};
     * {@code text} must hold no lone surrogate (the reference then sees another string, see
     * {@link ParityCorpus}).
     */
    static int[] utf16Offsets(String text, Encoding e) {
        int[] utf16OfCodePoint = new int[text.codePointCount(0, text.length()) + 1];
        for (int i = 0, k = 0; i <= text.length(); k++) {
            utf16OfCodePoint[k] = i;
            if (i == text.length()) {
                break;
            }
            i += Character.charCount(text.codePointAt(i));
        }
        CharSpan[] spans = e.getCharTokenSpans();
        int[] out = new int[spans.length * 2];
        for (int i = 0; i < spans.length; i++) {
            if (spans[i] != null) {
                out[2 * i] = utf16OfCodePoint[spans[i].getStart()];
                out[2 * i + 1] = utf16OfCodePoint[spans[i].getEnd()];
            }
        }
        return out;
    }

    String version() {
        return tokenizer.getVersion();
    }

    static int[] toInts(long[] values) {
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
