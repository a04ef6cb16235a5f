package io.tandem.pipeline.image;

/**
 * A single-channel image of doubles. Preprocessing works in double and rounds to float once, when
 * the tensor is written: TeaVM's JavaScript backend keeps float intermediates in float64, so code
 * that relied on float rounding at each step would give different bits in the browser. IEEE double
 * arithmetic is the same on both sides, and one final rounding to float is too.
 */
public final class GrayImage {
    final int width;
    final int height;
    final double[] pixels;

    public GrayImage(int width, int height) {
        this(width, height, new double[width * height]);
    }

    public GrayImage(int width, int height, double[] pixels) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + (width * height) + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, double v) {
        pixels[y * width + x] = v;
    }

    /** The backing array (not a copy). */
    public double[] pixels() {
        return pixels;
    }
}
