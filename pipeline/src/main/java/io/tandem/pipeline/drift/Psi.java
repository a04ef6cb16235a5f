package io.tandem.pipeline.drift;

/**
 * Population stability index between a reference and a live distribution over the same bins:
 * {@code PSI = Σ (live_i − ref_i) · ln(live_i / ref_i)} over each bin's share of its total. 0 means
 * the same distribution; it grows with the shift and is symmetric in the two.
 *
 * <p>Usual reading (credit-scoring practice, where PSI comes from): below {@link #MODERATE} (0.1)
 * no meaningful change; 0.1 to {@link #SIGNIFICANT} (0.25) a moderate shift worth watching; 0.25
 * and above a significant shift — the model sees inputs unlike those it was checked on.
 */
public final class Psi {
    public static final double MODERATE = 0.1;
    public static final double SIGNIFICANT = 0.25;
    /**
     * Smallest share a bin is given: an empty bin would make ln(0) infinite. 1e-4 keeps one
     * empty bin's worst contribution near 1 (0.1 · ln(0.1 / 1e-4) ≈ 0.7 for a 10% bin), so one
     * bin alone cannot swamp the score.
     */
    public static final double EPSILON = 1e-4;

    private Psi() {
    }

    /**
     * @param reference counts (or weights) per bin
     * @param live      counts (or weights) per bin, the same bins
     * @throws IllegalArgumentException when the bins differ in number or either side is empty
     */
    public static double score(double[] reference, double[] live) {
        if (reference.length != live.length) {
            throw new IllegalArgumentException("reference has " + reference.length + " bins, live has " + live.length);
        }
        double refTotal = total(reference, "reference");
        double liveTotal = total(live, "live");
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = Math.max(reference[i] / refTotal, EPSILON);
            double q = Math.max(live[i] / liveTotal, EPSILON);
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    public static double score(Histogram reference, Histogram live) {
        return score(reference.weights(), live.weights());
    }

    /** {@code stable}, {@code moderate} or {@code significant} by the usual thresholds. */
    public static String verdict(double psi) {
        if (psi >= SIGNIFICANT) {
            return "significant";
        }
        return psi >= MODERATE ? "moderate" : "stable";
    }

    private static double total(double[] weights, String which) {
        double t = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException(which + " has a negative or NaN count");
            }
            t += w;
        }
        if (!(t > 0)) {
            throw new IllegalArgumentException(which + " distribution is empty");
        }
        return t;
    }
}
