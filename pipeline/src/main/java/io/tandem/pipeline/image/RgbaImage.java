package io.tandem.pipeline.image;

/** An image as the browser hands it over (canvas {@code ImageData}): 8-bit RGBA, row-major. */
public final class RgbaImage {
    /** Images larger than this are refused: a digit needs no more, and it bounds the work. */
    public static final int MAX_SIDE = 4096;

    private final int width;
    private final int height;
    private final byte[] rgba;

    public RgbaImage(int width, int height, byte[] rgba) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image is " + width + "x" + height + "; the largest accepted side is " + MAX_SIDE);
        }
        if (rgba.length != width * height * 4) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGBA image needs "
                    + (width * height * 4) + " bytes, got " + rgba.length);
        }
        this.width = width;
        this.height = height;
        this.rgba = rgba;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing bytes (not a copy). */
    public byte[] rgba() {
        return rgba;
    }
}
