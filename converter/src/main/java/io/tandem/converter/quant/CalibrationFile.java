package io.tandem.converter.quant;

import io.tandem.converter.ConverterException;
import io.tandem.converter.bundle.BundleWriter;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SmoothQuant's calibration statistics as a file beside the bundle's recipe ({@code calibration.json}):
 * the largest |value| of each channel of each activation a quantised MatMul reads, measured once by
 * {@code quantize --calibrate} and committed. The int8 build reads it instead of running the fp32
 * model, so its bytes depend only on the weights and this file: another CPU's fp32 kernels, whose
 * last bits differ, can no longer move a smoothing factor across a rounding step.
 */
public record CalibrationFile(String modelSha256, int inputs, String measuredOn, Map<String, float[]> activationMax) {
    public static final String NAME = "calibration.json";

    public static Path in(Path bundle) {
        return bundle.resolve(NAME);
    }

    public void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("about", "Largest |activation| per channel of each activation that a quantised MatMul reads, over " + inputs
                + " built-in calibration sentences, for SmoothQuant. Written by 'tandem-converter quantize --calibrate'; "
                + "the int8 build reads it, so the int8 file is the same on every CPU. Measure again only when the model changes.");
        json.put("model", modelSha256);
        json.put("inputs", (long) inputs);
        json.put("measuredOn", measuredOn);
        Map<String, Object> activations = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : activationMax.entrySet()) {
            List<Object> values = new java.util.ArrayList<>(e.getValue().length);
            for (float v : e.getValue()) {
                values.add((double) v); // exact: a float is a double, and the writer prints doubles exactly
            }
            activations.put(e.getKey(), values);
        }
        json.put("activations", activations);
        BundleWriter.writeFile(file, (Json.write(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static CalibrationFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConverterException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonObject o = JsonObject.parse(text, file.toString());
            Map<String, float[]> max = new LinkedHashMap<>();
            JsonObject activations = o.object("activations");
            for (String name : activations.raw().keySet()) {
                List<Object> values = activations.array(name);
                float[] m = new float[values.size()];
                for (int i = 0; i < m.length; i++) {
                    double v = ((Number) values.get(i)).doubleValue();
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new ConverterException(file + ": activation " + name + " channel " + i + " is " + v
                                + "; expected a finite value ≥ 0");
                    }
                    m[i] = (float) v;
                }
                max.put(name, m);
            }
            return new CalibrationFile(o.string("model"), (int) o.integer("inputs"), o.string("measuredOn", ""), max);
        } catch (ConverterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConverterException(file + " is not a calibration file: " + e.getMessage()
                    + "; write it again with 'tandem-converter quantize --calibrate'", e);
        }
    }

    /** The statistics for these activations, refusing a file measured on another model or missing one of them. */
    public Map<String, float[]> forActivations(List<String> activations, String fp32Sha256, Path where) {
        if (!modelSha256.equals(fp32Sha256)) {
            throw new ConverterException(where + " was measured on the fp32 model " + shortSha(modelSha256) + ", this one is "
                    + shortSha(fp32Sha256) + "; measure again with 'tandem-converter quantize --calibrate'");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String a : activations) {
            float[] m = activationMax.get(a);
            if (m == null) {
                throw new ConverterException(where + " has no statistics for activation '" + a + "' (measured with other "
                        + "quantisation options?); measure again with 'tandem-converter quantize --calibrate'");
            }
            out.put(a, m);
        }
        return out;
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
