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
    private final int[] ids;
    private final int unknownCount;
    private final int[] starts;
    private final int[] ends;
    private final int[] wordIds;

    Encoding(int[] ids, int unknownCount, int[] starts, int[] ends, int[] wordIds) {
        if (starts.length != ids.length || ends.length != ids.length || wordIds.length != ids.length) {
            throw new IllegalArgumentException("offsets and word ids must have one entry per id");
        }
        this.ids = ids;
        this.unknownCount = unknownCount;
        this.starts = starts;
        this.ends = ends;
        this.wordIds = wordIds;
    }

    public int length() {
        return ids.length;
    }

    /** The id at one position, without copying the array. */
    public int id(int index) {
        return ids[index];
    }

    public int[] ids() {
        return ids.clone();
    }

    public int[] attentionMask() {
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        return mask;
    }

    public int[] typeIds() {
        return new int[ids.length];
    }

    /** Where the token at {@code index} starts in the original text (UTF-16 index); 0 for [CLS]/[SEP]. */
    public int start(int index) {
        return starts[index];
    }

    /** Where the token at {@code index} ends in the original text (exclusive); 0 for [CLS]/[SEP]. */
    public int end(int index) {
        return ends[index];
    }

    /** All spans as pairs: {@code [start0, end0, start1, end1, ...]}, 2 × {@link #length()} values. */
    public int[] offsets() {
        int[] out = new int[ids.length * 2];
        for (int i = 0; i < ids.length; i++) {
            out[2 * i] = starts[i];
            out[2 * i + 1] = ends[i];
        }
        return out;
    }

    /** The word the token at {@code index} is a piece of, counting from 0; -1 for [CLS]/[SEP]. */
    public int wordId(int index) {
        return wordIds[index];
    }

    public int[] wordIds() {
        return wordIds.clone();
    }

    /** True for the [CLS] and [SEP] the tokenizer adds around the text. */
    public boolean isSpecial(int index) {
        return wordIds[index] < 0;
    }

    /** 1 where {@link #isSpecial}, else 0: HuggingFace's special_tokens_mask. */
    public int[] specialTokensMask() {
        int[] mask = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = wordIds[i] < 0 ? 1 : 0;
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

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(ids);
    }
}
