package io.tandem.pipeline.math;

/**
 * How a model's token vectors (last hidden state, row-major [sequence, dim] for one text) become
 * its output, optionally L2-normalised: the first token's vector ([CLS], as BERT-style classifiers
 * and some embedders use), the mean over the attention mask (sentence-transformers' usual recipe),
 * or no pooling at all (one vector per token, e.g. for token-level uses).
 *
 * <p>Sums run in double and each value is rounded to float once, as in {@link Vectors}, so the JVM
 * and TeaVM's JavaScript give the same bits for the same model output.
 */
public enum Pooling {
    /** The vector of the first token, [CLS]. */
    CLS("cls"),
    /** The mean of the vectors whose attention mask is 1 ({@link Vectors#maskedMeanPool}). */
    MEAN("mean"),
    /** Every token's vector, the [sequence, dim] matrix as is (padded rows included). */
    NONE("none");

    private final String id;

    Pooling(String id) {
        this.id = id;
    }

    /** The name used in configuration: "cls", "mean", "none". */
    public String id() {
        return id;
    }

    /** The pooling named {@code id} ("cls", "mean" or "none"). */
    public static Pooling fromId(String id) {
        for (Pooling p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling \"" + id + "\"; expected cls, mean or none");
    }

    /** How many floats {@link #apply} returns: dim, or sequence × dim for {@link #NONE}. */
    public int outputLength(int sequence, int dim) {
        return this == NONE ? sequence * dim : dim;
    }

    /** As {@link #apply(float[], int, int, int, long[], int, boolean)} for a batch of one. */
    public float[] apply(float[] hidden, int sequence, int dim, long[] mask, boolean normalise) {
        return apply(hidden, 0, sequence, dim, mask, 0, normalise);
    }

    /**
     * Pools one text of a batch.
     *
     * @param hidden       row-major [batch, sequence, dim] values
     * @param hiddenOffset where this text's [sequence, dim] block starts in {@code hidden}
     * @param mask         attention masks, [batch, sequence]; read by {@link #MEAN} only (may be
     *                     null for the others)
     * @param maskOffset   where this text's mask starts in {@code mask}
     * @param normalise    L2-normalise the pooled vector (for {@link #NONE}: each row)
     * @return dim floats, or sequence × dim for {@link #NONE}
     */
    public float[] apply(float[] hidden, int hiddenOffset, int sequence, int dim, long[] mask, int maskOffset,
            boolean normalise) {
        if (sequence < 1 || dim < 1) {
            throw new IllegalArgumentException("expected sequence and dim of at least 1, got " + sequence + " and " + dim);
        }
        if (hiddenOffset < 0 || hiddenOffset + sequence * dim > hidden.length) {
            throw new IllegalArgumentException("expected " + sequence + " x " + dim + " values from " + hiddenOffset
                    + ", found " + hidden.length + " in all");
        }
        switch (this) {
            case CLS:
                return row(hidden, hiddenOffset, dim, normalise);
            case MEAN:
                if (mask == null || maskOffset < 0 || maskOffset + sequence > mask.length) {
                    throw new IllegalArgumentException("mean pooling needs an attention mask of " + sequence
                            + " values from " + maskOffset);
                }
                double[] mean = Vectors.maskedMeanPool(hidden, hiddenOffset, sequence, dim, mask, maskOffset);
                return normalise ? Vectors.l2Normalise(mean) : round(mean);
            default:
                float[] out = new float[sequence * dim];
                for (int t = 0; t < sequence; t++) {
                    System.arraycopy(row(hidden, hiddenOffset + t * dim, dim, normalise), 0, out, t * dim, dim);
                }
                return out;
        }
    }

    /** The first token's vector of one text, exactly as the model gave it. */
    public static float[] cls(float[] hidden, int hiddenOffset, int dim) {
        return row(hidden, hiddenOffset, dim, false);
    }

    private static float[] row(float[] hidden, int offset, int dim, boolean normalise) {
        if (!normalise) {
            float[] out = new float[dim];
            System.arraycopy(hidden, offset, out, 0, dim);
            return out;
        }
        double[] v = new double[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = hidden[offset + d];
        }
        return Vectors.l2Normalise(v);
    }

    private static float[] round(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
