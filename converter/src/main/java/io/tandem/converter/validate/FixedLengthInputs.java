package io.tandem.converter.validate;

import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text inputs of exactly {@code length} tokens, for latency at a stated sequence length: real
 * tokenised sentences at least that long, cut to length with the last id replaced by the final
 * one ([SEP]) so each is still a well-formed encoding.
 */
public final class FixedLengthInputs {
    private FixedLengthInputs() {
    }

    public static List<Map<String, Tensor>> of(List<Prepared> samples, int length, int max) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (Prepared p : samples) {
            if (out.size() == max) {
                break;
            }
            Map<String, Tensor> feeds = p.feeds();
            int n = feeds.values().iterator().next().dim(1);
            if (n < length) {
                continue;
            }
            Map<String, Tensor> cut = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                long[] all = e.getValue().longs();
                long[] v = java.util.Arrays.copyOf(all, length);
                v[length - 1] = all[n - 1];
                cut.put(e.getKey(), Tensor.ofLongs(new int[] {1, length}, v));
            }
            out.add(cut);
        }
        return out;
    }
}
