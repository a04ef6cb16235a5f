package io.tandem.pipeline.image;

/**
 * For area-average resampling along one axis: which source pixels each output pixel covers, and
 * with what weight (the length of the overlap, in source pixels).
 */
final class AreaWeights {
    private AreaWeights() {
    }

    static int[] firsts(int srcSize, int outSize) {
        double scale = (double) srcSize / outSize;
        int[] firsts = new int[outSize];
        for (int o = 0; o < outSize; o++) {
            firsts[o] = (int) Math.floor(o * scale);
        }
        return firsts;
    }

    static double[][] of(int srcSize, int outSize) {
        double scale = (double) srcSize / outSize;
        double[][] weights = new double[outSize][];
        for (int o = 0; o < outSize; o++) {
            double start = o * scale;
            double end = start + scale;
            int first = (int) Math.floor(start);
            int last = Math.min(srcSize - 1, (int) Math.ceil(end) - 1);
            double[] w = new double[last - first + 1];
            for (int s = first; s <= last; s++) {
                double overlap = Math.min(end, s + 1.0) - Math.max(start, (double) s);
                w[s - first] = overlap > 0 ? overlap : 0.0;
            }
            weights[o] = w;
        }
        return weights;
    }
}
