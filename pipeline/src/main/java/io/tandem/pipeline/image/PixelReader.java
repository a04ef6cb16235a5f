package io.tandem.pipeline.image;

/**
 * Reads one RGBA pixel as the tensor's channels, in 0–255: alpha applied, channels picked and
 * ordered. Read per pixel on demand, so a large picture is never copied into doubles.
 */
final class PixelReader {
    private final ChannelOrder channels;
    private final boolean composite;
    private final int background;

    PixelReader(ImageRecipe recipe) {
        this.channels = recipe.channels();
        this.composite = recipe.alpha() == AlphaMode.COMPOSITE;
        this.background = recipe.background();
    }

    /** Writes the tensor channels of pixel {@code pixel} (row-major index) into {@code out}. */
    void read(byte[] rgba, int pixel, double[] out) {
        int p = pixel * 4;
        double r = colour(rgba[p] & 0xFF, rgba[p + 3] & 0xFF);
        double g = colour(rgba[p + 1] & 0xFF, rgba[p + 3] & 0xFF);
        double b = colour(rgba[p + 2] & 0xFF, rgba[p + 3] & 0xFF);
        for (int c = 0; c < out.length; c++) {
            switch (channels.source(c)) {
                case 0:
                    out[c] = r;
                    break;
                case 1:
                    out[c] = g;
                    break;
                case 2:
                    out[c] = b;
                    break;
                default:
                    out[c] = 0.299 * r + 0.587 * g + 0.114 * b;
                    break;
            }
        }
    }

    /** (v·α + bg·(255 − α)) / 255: the numerator is an exact integer, so one rounding; opaque gives v. */
    private double colour(int v, int a) {
        if (!composite) {
            return v;
        }
        return (v * a + background * (255 - a)) / 255.0;
    }
}
