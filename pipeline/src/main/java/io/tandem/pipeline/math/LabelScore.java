package io.tandem.pipeline.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One class and its probability. */
public final class LabelScore {
    private final String label;
    private final double score;

    public LabelScore(String label, double score) {
        this.label = label;
        this.score = score;
    }

    public String label() {
        return label;
    }

    public double score() {
        return score;
    }

    /** All labels with their probabilities, highest first; ties keep label order. */
    public static List<LabelScore> ranked(List<String> labels, double[] probabilities) {
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException("expected " + labels.size() + " scores for the labels, got " + probabilities.length);
        }
        List<LabelScore> out = new ArrayList<>(labels.size());
        for (int i = 0; i < probabilities.length; i++) {
            out.add(new LabelScore(labels.get(i), probabilities[i]));
        }
        Collections.sort(out, (a, b) -> Double.compare(b.score, a.score));
        return out;
    }

    @Override
    public String toString() {
        return label + "=" + score;
    }
}
