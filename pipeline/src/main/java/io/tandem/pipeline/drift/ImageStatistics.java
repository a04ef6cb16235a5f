package io.tandem.pipeline.drift;

import io.tandem.pipeline.task.Prepared;

import java.util.Arrays;
import java.util.List;

/**
 * Image inputs, read from the normalised float tensor the model gets: {@code pixelMean} and
 * {@code pixelStd} of its values, and {@code inkShare}, the share of pixels at least half-way
 * bright once the normalisation is undone ({@code v · std + mean ≥ 0.5}, intensities 0–1).
 * A blank canvas, a photo instead of a drawing, or thicker pens all move these.
 */
public final class ImageStatistics implements InputStatistics {
    private static final List<Feature> FEATURES = Arrays.asList(
            Feature.deciles("pixelMean"),
            Feature.deciles("pixelStd"),
            Feature.deciles("inkShare"));

    private final String input;
    private final double mean;
    private final double std;

    /** {@code mean}, {@code std}: the normalisation preprocessing applied (0 and 1 for none). */
    public ImageStatistics(String input, double mean, double std) {
        this.input = input;
        this.mean = mean;
        this.std = std;
    }

    @Override
    public List<Feature> features() {
        return FEATURES;
    }

    @Override
    public double[] measure(Prepared prepared) {
        float[] px = prepared.feed(input).floats();
        if (px.length == 0) {
            return new double[] {0, 0, 0};
        }
        double sum = 0;
        int ink = 0;
        for (float v : px) {
            sum += v;
            if (v * std + mean >= 0.5) {
                ink++;
            }
        }
        double m = sum / px.length;
        double squares = 0;
        for (float v : px) {
            squares += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(squares / px.length), (double) ink / px.length};
    }
}
