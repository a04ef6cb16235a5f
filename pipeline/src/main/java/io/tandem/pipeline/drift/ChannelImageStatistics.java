package io.tandem.pipeline.drift;

import io.tandem.pipeline.image.ImageRecipe;
import io.tandem.pipeline.image.Layout;
import io.tandem.pipeline.task.Prepared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pictures for a general image classifier ({@link ImageRecipe}), read from the tensor the model
 * gets with the normalisation undone, so the numbers are colours (0–1) and not the recipe's units:
 * per channel the mean ({@code redMean}, …) and the standard deviation ({@code redStd}, …), then
 * {@code brightness}, the mean BT.601 luma. Channels are named by colour, not position, so a bgr
 * and an rgb model of the same pictures agree. Darker photos, a colour cast, or flat
 * screenshots instead of photos all move these.
 */
public final class ChannelImageStatistics implements InputStatistics {
    private final String input;
    private final int channels;
    private final int pixels;
    private final Layout layout;
    private final double[] mean;
    private final double[] std;
    /** From the tensor's units back to 0..1: v = (t · std + mean) / (scale · 255). */
    private final double toUnit;
    private final double[] luma;
    private final List<Feature> features;

    public ChannelImageStatistics(String input, ImageRecipe recipe) {
        this.input = input;
        this.channels = recipe.channelCount();
        this.pixels = recipe.width() * recipe.height();
        this.layout = recipe.layout();
        this.mean = recipe.mean();
        this.std = recipe.std();
        this.toUnit = recipe.scale() * 255.0;
        this.luma = new double[channels];
        List<Feature> list = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            luma[c] = recipe.channels().lumaWeight(c);
            list.add(Feature.deciles(recipe.channels().channelName(c) + "Mean"));
        }
        for (int c = 0; c < channels; c++) {
            list.add(Feature.deciles(recipe.channels().channelName(c) + "Std"));
        }
        list.add(Feature.deciles("brightness"));
        this.features = Collections.unmodifiableList(list);
    }

    @Override
    public List<Feature> features() {
        return features;
    }

    @Override
    public double[] measure(Prepared prepared) {
        float[] t = prepared.feed(input).floats();
        if (t.length != channels * pixels) {
            throw new IllegalArgumentException("expected " + (channels * pixels) + " values in '" + input
                    + "', found " + t.length);
        }
        double[] out = new double[2 * channels + 1];
        double brightness = 0;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int p = 0; p < pixels; p++) {
                sum += unit(t, c, p);
            }
            double m = sum / pixels;
            double squares = 0;
            for (int p = 0; p < pixels; p++) {
                double d = unit(t, c, p) - m;
                squares += d * d;
            }
            out[c] = m;
            out[channels + c] = Math.sqrt(squares / pixels);
            brightness += luma[c] * m;
        }
        out[2 * channels] = brightness;
        return out;
    }

    /** Channel c of pixel p (row-major) in 0..1. */
    private double unit(float[] t, int c, int p) {
        int i = layout == Layout.NCHW ? c * pixels + p : p * channels + c;
        return (t[i] * std[c] + mean[c]) / toUnit;
    }
}
