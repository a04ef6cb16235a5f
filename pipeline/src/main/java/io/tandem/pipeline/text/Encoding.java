package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * The ids of one encoded text, [CLS] and [SEP] included, cut to the maximum length and not padded:
 * a model's input_ids, with attention_mask all ones and token_type_ids all zeros. Immutable; the
 * array accessors return copies.
 *
 * <p>Each token also knows where it came from, as HuggingFace tokenizers report it: its span in the
 * original text ({@link #start}, {@link #end}: UTF-16 indices into the Java string, end exclusive;
 * (0, 0) for the [CLS] and [SEP] the tokenizer adds) and the index of the pre-tokenized word it is a
 * piece of ({@link #wordId}; -1 for the added [CLS] and [SEP]). A special token written literally in
 * the text ("[MASK]") is a word of its own with its own span, and is not {@link #isSpecial}, as in
 * HuggingFace's special_tokens_mask.
 */
public final class Encoding {
    /** Ints per token in {@link #tokens}: id, start, end, word id. */
    static final int STRIDE = 4;

    private final int[] tokens;
    private final int length;
    private final int unknownCount;

    /** {@code tokens}: per token its id, start, end and word id, in that order. */
    Encoding(int[] tokens, int unknownCount) {
        if (tokens.length % STRIDE != 0) {
            throw new IllegalArgumentException("tokens must hold " + STRIDE + " ints per token");
        }
        this.tokens = tokens;
        this.length = tokens.length / STRIDE;
        this.unknownCount = unknownCount;
    }

    public int length() {
        return length;
    }

    /** The id at one position, without copying the array. */
    public int id(int index) {
        return tokens[at(index)];
    }

    public int[] ids() {
        return column(0);
    }

    public int[] attentionMask() {
        int[] mask = new int[length];
        Arrays.fill(mask, 1);
        return mask;
    }

    public int[] typeIds() {
        return new int[length];
    }

    /** Where the token at {@code index} starts in the original text (UTF-16 index); 0 for [CLS]/[SEP]. */
    public int start(int index) {
        return tokens[at(index) + 1];
    }

    /** Where the token at {@code index} ends in the original text (exclusive); 0 for [CLS]/[SEP]. */
    public int end(int index) {
        return tokens[at(index) + 2];
    }

    /** All spans as pairs: {@code [start0, end0, start1, end1, ...]}, 2 × {@link #length()} values. */
    public int[] offsets() {
        int[] out = new int[length * 2];
        for (int i = 0; i < length; i++) {
            out[2 * i] = tokens[i * STRIDE + 1];
            out[2 * i + 1] = tokens[i * STRIDE + 2];
        }
        return out;
    }

    /** The word the token at {@code index} is a piece of, counting from 0; -1 for [CLS]/[SEP]. */
    public int wordId(int index) {
        return tokens[at(index) + 3];
    }

    public int[] wordIds() {
        return column(3);
    }

    /** True for the [CLS] and [SEP] the tokenizer adds around the text. */
    public boolean isSpecial(int index) {
        return wordId(index) < 0;
    }

    /** 1 where {@link #isSpecial}, else 0: HuggingFace's special_tokens_mask. */
    public int[] specialTokensMask() {
        int[] mask = new int[length];
        for (int i = 0; i < length; i++) {
            mask[i] = tokens[i * STRIDE + 3] < 0 ? 1 : 0;
        }
        return mask;
    }

    /**
     * How many positions hold the unknown token: a word no piece covers, an over-long word, or a
     * literal "[UNK]" in the text. The measure of vocabulary drift.
     */
    public int unknownCount() {
        return unknownCount;
    }

    private int at(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("token " + index + " of " + length);
        }
        return index * STRIDE;
    }

    private int[] column(int field) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = tokens[i * STRIDE + field];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(ids());
    }
}
