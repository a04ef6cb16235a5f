package io.tandem.pipeline.drift;

import io.tandem.pipeline.task.Prepared;

import java.util.Arrays;
import java.util.List;

/**
 * WordPiece inputs: {@code tokens} (real tokens, [CLS] and [SEP] included), {@code unknownRate}
 * (share of [UNK] among the tokens between them: words the vocabulary cannot spell, e.g. another
 * script) and {@code truncated} (1 when the text filled the model's maximum length, which is where
 * the tokenizer cuts; a text of exactly that length counts too).
 */
public final class TextStatistics implements InputStatistics {
    private static final List<Feature> FEATURES = Arrays.asList(
            Feature.deciles("tokens"),
            // 0.001: "any [UNK] at all" (one in 128 tokens is 0.008).
            Feature.fixed("unknownRate", 0.001, 0.05, 0.1, 0.25, 0.5),
            Feature.fixed("truncated", 0.5));

    private final String idsInput;
    private final String maskInput;
    private final int unkId;
    private final int maxLength;

    public TextStatistics(String idsInput, String maskInput, int unkId, int maxLength) {
        this.idsInput = idsInput;
        this.maskInput = maskInput;
        this.unkId = unkId;
        this.maxLength = maxLength;
    }

    @Override
    public List<Feature> features() {
        return FEATURES;
    }

    @Override
    public double[] measure(Prepared prepared) {
        long[] ids = prepared.feed(idsInput).longs();
        long[] mask = prepared.feed(maskInput).longs();
        int tokens = 0;
        int unknown = 0;
        for (int i = 0; i < ids.length; i++) {
            if (mask[i] != 0) {
                tokens++;
                if (ids[i] == unkId) {
                    unknown++;
                }
            }
        }
        int words = tokens - 2; // [CLS] … [SEP]
        double unknownRate = words > 0 ? (double) unknown / words : 0;
        return new double[] {tokens, unknownRate, tokens >= maxLength ? 1 : 0};
    }
}
