package io.tandem.converter.quant;

import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.engine.OrtModel;
import io.tandem.pipeline.tensor.Tensor;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibration: the largest |value| each channel (last axis) of some intermediate tensors reaches on
 * sample inputs, measured by running the fp32 model with those tensors added as outputs.
 */
public final class ActivationRanges {
    private ActivationRanges() {
    }

    public static Map<String, float[]> measure(byte[] fp32, String name, Collection<String> tensors,
            List<Map<String, Tensor>> feeds) {
        OnnxFile probe = OnnxFile.read(fp32, name);
        List<String> outputs = probe.graph().outputNames();
        for (String t : tensors) {
            if (!outputs.contains(t)) {
                probe.graph().addFloatOutput(t);
            }
        }
        Map<String, float[]> max = new HashMap<>();
        try (OrtModel model = new OrtModel(probe.toBytes(), name + " (calibration)")) {
            for (Map<String, Tensor> feed : feeds) {
                Map<String, Tensor> out = model.run(feed);
                for (String t : tensors) {
                    Tensor v = out.get(t);
                    int channels = v.dim(v.rank() - 1);
                    float[] m = max.computeIfAbsent(t, k -> new float[channels]);
                    float[] data = v.floats();
                    for (int i = 0; i < data.length; i++) {
                        int c = i % channels;
                        m[c] = Math.max(m[c], Math.abs(data[i]));
                    }
                }
            }
        }
        for (float[] m : max.values()) {
            for (int c = 0; c < m.length; c++) {
                m[c] = coarse(m[c]);
            }
        }
        return max;
    }

    /**
     * Keeps 5 bits of mantissa (steps of about 3%): a smoothing factor needs no more, and the int8
     * file then stays byte-identical when another CPU's fp32 kernels differ in the last bits.
     */
    static float coarse(float v) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xFFFC0000);
    }

    /**
     * SmoothQuant's per-channel factors: {@code s = a^alpha / w^(1 - alpha)} with a the channel's
     * largest |activation| and w its largest |weight| (over every consumer). Dividing the activation
     * by s and multiplying the weight row by s leaves x·W unchanged but moves outliers from the
     * activation (one scale per tensor at run time) into the weights (one scale per column).
     */
    public static float[] smoothing(float[] activationMax, float[] weightRowMax, double alpha) {
        float[] s = new float[activationMax.length];
        for (int k = 0; k < s.length; k++) {
            double a = activationMax[k];
            double w = weightRowMax[k];
            s[k] = a <= 0 || w <= 0 ? 1f : (float) (Math.pow(a, alpha) / Math.pow(w, 1 - alpha));
            if (!(s[k] > 1e-4f && s[k] < 1e4f)) {
                s[k] = 1f;
            }
        }
        return s;
    }
}
