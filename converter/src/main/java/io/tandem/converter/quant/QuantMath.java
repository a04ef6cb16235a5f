package io.tandem.converter.quant;

/**
 * The arithmetic of linear int8 quantisation, as ONNX defines it (QuantizeLinear,
 * DynamicQuantizeLinear): {@code q = saturate(round_half_even(x / scale) + zeroPoint)} and
 * {@code x ≈ (q - zeroPoint) * scale}. Pure functions, so every rule can be tested by hand.
 */
public final class QuantMath {
    public static final int INT8_MIN = -128;
    public static final int INT8_MAX = 127;

    private QuantMath() {
    }

    /** A scale and zero point for one tensor or one channel. */
    public record Params(float scale, int zeroPoint) {
    }

    /**
     * Symmetric int8: zero point 0 and {@code scale = max|x| / 127}, so that -max..max maps onto
     * -127..127 (-128 is never produced, which keeps the range symmetric as integer kernels expect).
     * An all-zero range gets scale 1 rather than a division by zero.
     */
    public static Params symmetric(float min, float max) {
        return symmetric(min, max, INT8_MAX);
    }

    /** Symmetric over [-qmax, qmax] (63 for 7-bit weights). */
    public static Params symmetric(float min, float max, int qmax) {
        float maxAbs = Math.max(Math.abs(min), Math.abs(max));
        return new Params(maxAbs == 0f ? 1f : maxAbs / qmax, 0);
    }

    /**
     * Asymmetric int8 over [min, max] widened to include 0 (so that 0 is exact, as padding and
     * ReLU outputs need): {@code scale = (max - min) / 255}, {@code zeroPoint = round(-128 - min / scale)}.
     */
    public static Params asymmetric(float min, float max) {
        return asymmetric(min, max, INT8_MIN, INT8_MAX);
    }

    /** Asymmetric over [qmin, qmax] ([-64, 63] for 7-bit weights). */
    public static Params asymmetric(float min, float max, int qmin, int qmax) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        if (hi == lo) {
            return new Params(1f, 0);
        }
        float scale = (hi - lo) / (qmax - qmin);
        int zp = saturate((int) Math.rint(qmin - lo / scale), qmin, qmax);
        return new Params(scale, zp);
    }

    /** ONNX QuantizeLinear for one value: round half to even, then saturate to [qmin, qmax]. */
    public static int quantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        // ONNX divides in float; Math.rint rounds half to even (2.5 → 2, 3.5 → 4).
        float scaled = x / scale;
        long q = (long) Math.rint(scaled) + zeroPoint;
        return (int) Math.max(qmin, Math.min(qmax, q));
    }

    public static int quantizeInt8(float x, Params p) {
        return quantize(x, p.scale(), p.zeroPoint(), INT8_MIN, INT8_MAX);
    }

    public static float dequantize(int q, Params p) {
        return (q - p.zeroPoint()) * p.scale();
    }

    public static int saturate(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Parameters per output column of a row-major [rows, cols] weight (a MatMul's B): column j is
     * what output feature j is made from, so each gets its own scale.
     */
    public static Params[] perColumn(float[] w, int rows, int cols, boolean symmetric) {
        return perColumn(w, rows, cols, symmetric, INT8_MIN, INT8_MAX);
    }

    /** The same within [qmin, qmax] (symmetric: [-qmax, qmax]). */
    public static Params[] perColumn(float[] w, int rows, int cols, boolean symmetric, int qmin, int qmax) {
        float[] min = new float[cols];
        float[] max = new float[cols];
        for (int j = 0; j < cols; j++) {
            min[j] = Float.POSITIVE_INFINITY;
            max[j] = Float.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                float v = w[base + j];
                if (v < min[j]) {
                    min[j] = v;
                }
                if (v > max[j]) {
                    max[j] = v;
                }
            }
        }
        Params[] out = new Params[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = rows == 0 ? new Params(1f, 0) : symmetric ? symmetric(min[j], max[j], qmax) : asymmetric(min[j], max[j], qmin, qmax);
        }
        return out;
    }

    /** Parameters per row of a row-major [rows, cols] table (an embedding: one row per token). */
    public static Params[] perRow(float[] w, int rows, int cols) {
        Params[] out = new Params[rows];
        for (int i = 0; i < rows; i++) {
            float min = 0f;
            float max = 0f;
            for (int j = 0; j < cols; j++) {
                float v = w[i * cols + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            out[i] = symmetric(min, max);
        }
        return out;
    }

    /** One set of parameters for the whole tensor. */
    public static Params perTensor(float[] w, boolean symmetric) {
        return perTensor(w, symmetric, INT8_MIN, INT8_MAX);
    }

    /** The same within [qmin, qmax]. */
    public static Params perTensor(float[] w, boolean symmetric, int qmin, int qmax) {
        float min = 0f;
        float max = 0f;
        for (float v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return symmetric ? symmetric(min, max, qmax) : asymmetric(min, max, qmin, qmax);
    }

    /** Quantises a row-major [rows, cols] matrix with per-column parameters (length 1 = per tensor). */
    public static byte[] quantizeColumns(float[] w, int rows, int cols, Params[] p) {
        return quantizeColumns(w, rows, cols, p, INT8_MIN, INT8_MAX);
    }

    /** The same, saturating to [qmin, qmax]. */
    public static byte[] quantizeColumns(float[] w, int rows, int cols, Params[] p, int qmin, int qmax) {
        byte[] q = new byte[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                Params c = p[p.length == 1 ? 0 : j];
                q[i * cols + j] = (byte) quantize(w[i * cols + j], c.scale(), c.zeroPoint(), qmin, qmax);
            }
        }
        return q;
    }

    /** int8 values and zero points as uint8 with zero point + 128: the same grid, shifted (x ≈ (q - z) · s either way). */
    public static byte[] shiftToUnsigned(byte[] signed) {
        byte[] u = new byte[signed.length];
        for (int i = 0; i < signed.length; i++) {
            u[i] = (byte) (signed[i] + 128);
        }
        return u;
    }

    /** Quantises a row-major [rows, cols] matrix with one set of parameters per row. */
    public static byte[] quantizeRows(float[] w, int rows, int cols, Params[] p) {
        byte[] q = new byte[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                q[i * cols + j] = (byte) quantizeInt8(w[i * cols + j], p[i]);
            }
        }
        return q;
    }

    /** [rows, cols] → [cols, rows]: a Gemm's transB weight into MatMulInteger's layout. */
    public static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = w[i * cols + j];
            }
        }
        return t;
    }
}
