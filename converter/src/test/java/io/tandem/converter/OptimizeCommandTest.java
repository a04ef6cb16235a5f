package io.tandem.converter;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.ProtoWriter;
import io.tandem.converter.quant.TinyEncoder;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OptimizeCommandTest {
    @TempDir
    Path tmp;

    /** y = x · (A + B), A and B constant [3, 2]: basic optimisation folds the Add into one weight. */
    static byte[] foldable(int opset) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {0.5f, -1, 0.25f, 2, -3, 1};
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "A").string(1, "B").string(2, "W").string(3, "sum").string(4, "Add"))
                .message(1, new ProtoWriter().string(1, "x").string(1, "W").string(2, "y").string(3, "mm").string(4, "MatMul"))
                .string(2, "tiny-foldable")
                .message(5, QuantModels.floatTensor("A", new long[] {3, 2}, a))
                .message(5, QuantModels.floatTensor("B", new long[] {3, 2}, b))
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, "batch", 3L))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, "batch", 2L));
        return QuantModels.model(graph, opset);
    }

    @Test
    void fuseRewritesAnEncoderForOnnxRuntimesKernelsAndKeepsItsOutputs() throws Exception {
        Path in = Files.write(tmp.resolve("encoder.onnx"), TinyEncoder.model(TinyEncoder.Variant.exported()));
        Path out = tmp.resolve("encoder.fused.onnx");
        Cli r = Cli.run("optimize", "--fuse", in.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("fused 1 attention blocks (com.microsoft.Attention) and 1 residual layer norms");
        var model = OnnxModelReader.read(Files.readAllBytes(out), "out");
        assertThat(model.operators()).containsKeys("com.microsoft.Attention", "com.microsoft.SkipLayerNormalization")
                .doesNotContainKeys("Softmax", "ReduceMean");
    }

    @Test
    void fuseOnAModelWithoutAnEncoderIsRefusedInOneLine() throws Exception {
        Path in = Files.write(tmp.resolve("m.onnx"), foldable(13));
        Cli r = Cli.run("optimize", "--fuse", in.toString(), "-o", tmp.resolve("out.onnx").toString());
        assertOneLineError(r, 1, "--fuse: " + in + " has no self-attention block in the form the fused kernels compute");
        assertThat(tmp.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void basicFoldsConstantsAndTheOnnxResultComputesTheSame() throws Exception {
        Path in = Files.write(tmp.resolve("m.onnx"), foldable(13));
        Path out = tmp.resolve("m.opt.onnx");
        Cli r = Cli.run("optimize", in.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("basic optimisation, onnx format: 2 → 1 nodes");
        assertThat(r.err()).contains("optimising", "at level basic", "loading and running the result");
        var model = OnnxModelReader.read(Files.readAllBytes(out), "out");
        assertThat(model.operators()).containsOnlyKeys("MatMul");
        float[] x = {1, -2, 0.5f, 3, 0, -1};
        // (A + B) = [[1.5, 1], [3.25, 6], [2, 7]]; row 1: 1.5 - 6.5 + 1 = -4, 1 - 12 + 3.5 = -7.5
        assertThat(run(Files.readAllBytes(out), x, 2, 3)).containsExactly(new float[] {-4f, -7.5f, 2.5f, -4f}, within(1e-6f));
    }

    @Test
    void theOrtFormatFileLoadsInOnnxruntimeJavaAndGivesTheSameOutputs() throws Exception {
        Path out = tmp.resolve("mnist.ort");
        Cli r = Cli.run("optimize", "--quiet", "--level", "extended", Cli.cnnMnist(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("extended optimisation, ort format");
        byte[] ort = Files.readAllBytes(out);
        // ORT format: a flatbuffer whose file identifier "ORTM" sits at bytes 4–7.
        assertThat(new String(ort, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ORTM");

        byte[] cnn = cnnBytes();
        float[] digit = new float[28 * 28];
        for (int i = 0; i < digit.length; i++) {
            digit[i] = (float) Math.sin(i * 0.37) * 1.5f;
        }
        float[] expected = run(cnn, digit, 1, 1, 28, 28);
        float[] actual = run(ort, digit, 1, 1, 28, 28);
        assertThat(actual).hasSize(10);
        assertThat(actual).containsExactly(expected, within(1e-4f));
    }

    @Test
    void intoABundleAddsAVariantThatValidateGates() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        Cli r = Cli.run("optimize", "--quiet", "--bundle", bundle.toString(), "--variant", "fp32-ort", "--format", "ort",
                "--devices", "wasm");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Manifest m = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        Variant v = m.variant("fp32-ort");
        assertThat(v.file().path()).isEqualTo("model.fp32-ort.ort");
        assertThat(v.precision()).isEqualTo("fp32");
        assertThat(v.devices()).containsExactly("wasm");
        byte[] file = Files.readAllBytes(bundle.resolve(v.file().path()));
        assertThat(v.file().bytes()).isEqualTo(file.length);
        assertThat(v.file().sha256()).isEqualTo(Sha256.of(file));
        assertThat(m.variants().get(0).name()).isEqualTo("fp32");

        Cli validate = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", ValidateCommandTest.digits());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("mnist-cnn fp32-ort: top1Agreement 1.0000");
        Manifest after = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        assertThat(after.variant("fp32-ort").metrics()).containsEntry("samples", 62L);
    }

    @Test
    void missingFileIsOneLine() {
        assertOneLineError(Cli.run("optimize", tmp.resolve("nope.onnx").toString(), "-o", tmp.resolve("o.onnx").toString()), 1, "nope.onnx");
    }

    @Test
    void notAnOnnxModelIsOneLine() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.onnx"), "this is not protobuf at all, just text\n");
        assertOneLineError(Cli.run("optimize", junk.toString(), "-o", tmp.resolve("o.onnx").toString()), 1, "not an ONNX model");
        assertThat(Files.exists(tmp.resolve("o.onnx"))).isFalse();
    }

    @Test
    void unsupportedOpsetIsOneLine() throws IOException {
        Path old = Files.write(tmp.resolve("old.onnx"), foldable(5));
        assertOneLineError(Cli.run("optimize", old.toString(), "-o", tmp.resolve("o.onnx").toString()), 1,
                "unsupported opset: " + old + " uses ai.onnx opset 5; onnxruntime expects 7 to 26");
        Path future = Files.write(tmp.resolve("future.onnx"), foldable(30));
        assertOneLineError(Cli.run("optimize", future.toString(), "-o", tmp.resolve("o.onnx").toString()), 1,
                "unsupported opset: " + future + " uses ai.onnx opset 30; onnxruntime expects 7 to 26");
    }

    @Test
    void unknownLevelAndAllAreOneLine() throws IOException {
        Path in = Files.write(tmp.resolve("m.onnx"), foldable(13));
        assertOneLineError(Cli.run("optimize", in.toString(), "-o", tmp.resolve("o.onnx").toString(), "--level", "fast"), 1,
                "unknown --level 'fast'; expected basic or extended");
        assertOneLineError(Cli.run("optimize", in.toString(), "-o", tmp.resolve("o.onnx").toString(), "--level", "all"), 1,
                "--level all is not portable to the browser");
        assertOneLineError(Cli.run("optimize", in.toString(), "-o", tmp.resolve("o.onnx").toString(), "--format", "tflite"), 1,
                "unknown --format 'tflite'; expected onnx or ort");
    }

    @Test
    void helpExplainsWhyAllIsNotOffered() {
        Cli r = Cli.run("optimize", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("'all' is refused", "NCHWc", "--level", "--format", "--bundle");
    }

    private static byte[] cnnBytes() throws IOException {
        String spec = Cli.cnnMnist();
        return io.tandem.converter.io.SourceFile.read(spec, "model", Progress.silent()).bytes();
    }

    /** Runs a one-input, one-output float model on x with the given shape. */
    private static float[] run(byte[] model, float[] x, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(model, o);
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] values = new float[b.remaining()];
            b.get(values);
            return values;
        }
    }
}
