package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * The ids of one encoded text, [CLS] and [SEP] included, cut to the maximum length and not padded:
 * a model's input_ids, with attention_mask all ones and token_type_ids all zeros. Immutable; the
 * array accessors return copies.
 */
public final class Encoding {
    private final int[] ids;
    private final int unknownCount;

    Encoding(int[] ids, int unknownCount) {
        this.ids = ids;
        this.unknownCount = unknownCount;
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
