package io.tandem.pipeline.image;

/**
 * For one axis of a resize: which source pixels each output pixel reads, and with what weights
 * (summing to 1). Only the {@code count} output positions from {@code offset} on are computed,
 * i.e. only the part of the resized picture the centre crop keeps: a 4096 × 1 picture whose
 * shorter side goes to 256 is a million pixels wide once resized, but costs only its crop.
 *
 * <p>Coordinates are exact rationals of integers (in {@code long}) rounded to double once, so
 * the weights are the same bits on every platform and no {@code src/dst} ratio is rounded first.
 */
final class AxisTaps {
    private final int[] first;
    private final double[][] weights;

    private AxisTaps(int[] first, double[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    /** Source pixel of the first weight of output position {@code o} (0-based within the crop). */
    int first(int o) {
        return first[o];
    }

    double[] weights(int o) {
        return weights[o];
    }

    int count() {
        return first.length;
    }

    /** Resized positions {@code offset .. offset+count-1} of a {@code source} → {@code resized} resize. */
    static AxisTaps of(Interpolation interpolation, int source, int resized, int offset, int count) {
        int[] first = new int[count];
        double[][] weights = new double[count][];
        for (int o = 0; o < count; o++) {
            long r = offset + o;
            switch (interpolation) {
                case BILINEAR:
                    bilinear(source, resized, r, o, first, weights);
                    break;
                case AREA:
                    area(source, resized, r, o, first, weights);
                    break;
                case NEAREST:
                default:
                    // floor((r + 0.5) · source / resized), the source pixel under the centre.
                    first[o] = (int) Math.min(source - 1, (2 * r + 1) * source / (2L * resized));
                    weights[o] = new double[] {1.0};
                    break;
            }
        }
        return new AxisTaps(first, weights);
    }

    /** No resampling: output position o is source pixel offset + o. */
    static AxisTaps identity(int offset, int count) {
        int[] first = new int[count];
        double[][] weights = new double[count][];
        double[] one = {1.0};
        for (int o = 0; o < count; o++) {
            first[o] = offset + o;
            weights[o] = one;
        }
        return new AxisTaps(first, weights);
    }

    /**
     * Half-pixel centres: resized pixel r sits at source coordinate (r + 0.5) · s/d − 0.5, written
     * as the one fraction ((2r + 1) · s − d) / 2d; below 0 it is clamped to 0, and past the last
     * pixel the second tap repeats it (PyTorch's upsample_bilinear2d, align_corners=false).
     */
    private static void bilinear(int source, int resized, long r, int o, int[] first, double[][] weights) {
        long numerator = (2 * r + 1) * source - resized;
        double x = numerator <= 0 ? 0.0 : numerator / (2.0 * resized);
        int i0 = (int) Math.min(source - 1, (long) Math.floor(x));
        double f = x - i0;
        if (i0 >= source - 1) {
            first[o] = source - 1;
            weights[o] = new double[] {1.0};
        } else {
            first[o] = i0;
            weights[o] = new double[] {1.0 - f, f};
        }
    }

    /**
     * Resized pixel r covers source [r·s/d, (r+1)·s/d). Scaled by d, every overlap with a source
     * pixel [k, k+1) is an integer, and together they are s: weight = overlap / s, exactly once rounded.
     */
    private static void area(int source, int resized, long r, int o, int[] first, double[][] weights) {
        long start = r * source;
        long end = start + source;
        int lo = (int) (start / resized);
        int hi = (int) Math.min(source - 1, (end + resized - 1) / resized - 1);
        double[] w = new double[hi - lo + 1];
        for (int k = lo; k <= hi; k++) {
            long overlap = Math.min(end, (long) (k + 1) * resized) - Math.max(start, (long) k * resized);
            w[k - lo] = overlap > 0 ? overlap / (double) source : 0.0;
        }
        first[o] = lo;
        weights[o] = w;
    }
}
