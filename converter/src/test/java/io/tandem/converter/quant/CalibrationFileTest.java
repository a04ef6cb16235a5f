package io.tandem.converter.quant;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.io.Sha256;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SmoothQuant's statistics are an input of the int8 build, not a by-product: two machines whose fp32
 * kernels differ in the last bits build the same bytes from the committed file, where building from
 * their own measurements would not.
 */
class CalibrationFileTest {
    private static final double ALPHA = 0.65;

    @TempDir
    Path dir;

    @Test
    void lastBitDifferencesInTheCalibrationRunDoNotReachTheInt8File() {
        byte[] fp32 = TinyEncoder.model(TinyEncoder.Variant.exported());
        String sha = Sha256.of(fp32);
        List<String> activations = new ArrayList<>();
        // Machine A's activations, measured for real and then held exactly on 5-bit rounding steps: the worst case,
        // where the smallest difference in another CPU's fp32 kernels moves every factor by one step.
        Map<String, float[]> machineA = onSteps(quantiseRecording(fp32, activations));
        Map<String, float[]> machineBLow = scaled(machineA, 1 - 1e-6);
        Map<String, float[]> machineBHigh = scaled(machineA, 1 + 1e-6);

        byte[] fromA = quantise(fp32, coarse(machineA));
        // Built from each machine's own measurement (the old build), the files differ: the test can fail.
        assertThat(quantise(fp32, coarse(machineBLow))).isNotEqualTo(fromA);

        // Built from the committed file, every machine gets machine A's bytes, whatever its own kernels would say.
        Path file = CalibrationFile.in(dir);
        new CalibrationFile(sha, 7, "machine A", coarse(machineA)).write(file);
        for (Map<String, float[]> unused : List.of(machineA, machineBLow, machineBHigh)) {
            byte[] built = ModelQuantizer.run(fp32, "tiny", ModelQuantizer.Precision.INT8, QuantizeOptions.defaults(),
                    new ModelQuantizer.Calibration(a -> CalibrationFile.read(file).forActivations(a, sha, file), ALPHA), Progress.silent()).bytes();
            assertThat(built).isEqualTo(fromA);
        }
    }

    @Test
    void aFileRoundTripsEveryFloatExactly() {
        Map<String, float[]> stats = new LinkedHashMap<>();
        stats.put("/layer.0/x", new float[] {0f, 1.4305115E-6f, 3.0517578E-5f, 12.5f, 0.1f, Float.MIN_VALUE, 6.5e4f});
        Path file = CalibrationFile.in(dir);
        new CalibrationFile("ab", 3, "here", stats).write(file);
        CalibrationFile back = CalibrationFile.read(file);
        assertThat(back.activationMax().get("/layer.0/x")).containsExactly(stats.get("/layer.0/x"));
        assertThat(back.modelSha256()).isEqualTo("ab");
        assertThat(back.inputs()).isEqualTo(3);
    }

    @Test
    void aFileForAnotherModelOrMissingAnActivationIsRefusedWithTheCommandThatFixesIt() {
        Path file = CalibrationFile.in(dir);
        new CalibrationFile("aaaaaaaaaaaaaaaa", 3, "here", Map.of("x", new float[] {1f})).write(file);
        CalibrationFile f = CalibrationFile.read(file);
        assertThatThrownBy(() -> f.forActivations(List.of("x"), "bbbbbbbbbbbbbbbb", file)).isInstanceOf(ConverterException.class)
                .hasMessage(file + " was measured on the fp32 model aaaaaaaaaaaa, this one is bbbbbbbbbbbb; "
                        + "measure again with 'tandem-converter quantize --calibrate'");
        assertThatThrownBy(() -> f.forActivations(List.of("x", "y"), "aaaaaaaaaaaaaaaa", file)).isInstanceOf(ConverterException.class)
                .hasMessageContaining("no statistics for activation 'y'");
    }

    @Test
    void aDamagedFileIsOneLine() throws Exception {
        Path file = CalibrationFile.in(dir);
        java.nio.file.Files.writeString(file, "{\"model\": \"ab\", \"inputs\": 1, \"activations\": {\"x\": [1, -2]}}");
        assertThatThrownBy(() -> CalibrationFile.read(file)).isInstanceOf(ConverterException.class)
                .hasMessageContaining("activation x channel 1 is -2.0");
        java.nio.file.Files.writeString(file, "not json");
        assertThatThrownBy(() -> CalibrationFile.read(file)).isInstanceOf(ConverterException.class)
                .hasMessageContaining("is not a calibration file").hasMessageContaining("--calibrate");
    }

    /** Quantises once with a real measurement in onnxruntime, noting which activations were asked for. */
    private static Map<String, float[]> quantiseRecording(byte[] fp32, List<String> asked) {
        Map<String, float[]> measured = new LinkedHashMap<>();
        ModelQuantizer.run(fp32, "tiny", ModelQuantizer.Precision.INT8, QuantizeOptions.defaults(), new ModelQuantizer.Calibration(a -> {
            asked.addAll(a);
            measured.putAll(ActivationRanges.measure(fp32, "tiny", a, feeds()));
            return measured;
        }, ALPHA), Progress.silent());
        assertThat(asked).isNotEmpty();
        return measured;
    }

    private static byte[] quantise(byte[] fp32, Map<String, float[]> stats) {
        return ModelQuantizer.run(fp32, "tiny", ModelQuantizer.Precision.INT8, QuantizeOptions.defaults(),
                new ModelQuantizer.Calibration(a -> stats, ALPHA), Progress.silent()).bytes();
    }

    private static List<Map<String, Tensor>> feeds() {
        List<Map<String, Tensor>> out = new ArrayList<>();
        Random r = new Random(11);
        for (int n = 0; n < 7; n++) {
            float[] x = new float[2 * 5 * TinyEncoder.HIDDEN];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian() * (1 + n);
            }
            out.add(Map.of("x", Tensor.ofFloats(new int[] {2, 5, TinyEncoder.HIDDEN}, x),
                    "attention_mask", Tensor.ofLongs(new int[] {2, 5}, new long[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0})));
        }
        return out;
    }

    private static Map<String, float[]> onSteps(Map<String, float[]> m) {
        return coarse(m);
    }

    private static Map<String, float[]> coarse(Map<String, float[]> m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            float[] c = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                c[i] = ActivationRanges.coarse(v[i]);
            }
            out.put(k, c);
        });
        return out;
    }

    private static Map<String, float[]> scaled(Map<String, float[]> m, double factor) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            float[] c = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                c[i] = (float) (v[i] * factor);
            }
            out.put(k, c);
        });
        return out;
    }
}
