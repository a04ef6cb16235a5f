package io.tandem.pipeline.image;

/**
 * A picture of C channels as double planes, channel after channel, each row-major: what the
 * resize produced, values 0–255, before scale, mean and std. Double for the reason in
 * {@link GrayImage}: the tensor is rounded to float once, at the end.
 */
public final class PlanarImage {
    private final int channels;
    private final int width;
    private final int height;
    private final double[] values;

    public PlanarImage(int channels, int width, int height, double[] values) {
        if (values.length != channels * width * height) {
            throw new IllegalArgumentException("expected " + (channels * width * height) + " values for "
                    + channels + "x" + width + "x" + height + ", found " + values.length);
        }
        this.channels = channels;
        this.width = width;
        this.height = height;
        this.values = values;
    }

    public int channels() {
        return channels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double get(int channel, int x, int y) {
        return values[(channel * height + y) * width + x];
    }

    /** The backing array (not a copy), planes in tensor channel order. */
    public double[] values() {
        return values;
    }
}
