package io.tandem.converter;

import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.quant.TinyEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

class QuantizeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quantisesTheMnistCnnsGemmsAndRaisesItsOpset() throws IOException {
        Path out = tmp.resolve("mnist.int8.onnx");
        Cli r = Cli.run("quantize", "--quiet", Cli.cnnMnist(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // No devices named: uint8 weights, exact on every CPU (full-range int8 saturates on x86 without VNNI).
        assertThat(r.out()).contains("int8: 0 MatMul, 2 Gemm, 0 Gather (per-channel, symmetric, u8 weights)");
        var model = OnnxModelReader.read(Files.readAllBytes(out), "out");
        assertThat(model.opsets()).containsEntry("ai.onnx", 11L);
        assertThat(model.operators()).containsKey("MatMulInteger").doesNotContainKey("Gemm");
    }

    @Test
    void anEncoderIsFusedByDefaultAndKeptInStandardOperatorsWithNoFuse() throws IOException {
        Path model = Files.write(tmp.resolve("encoder.onnx"), TinyEncoder.model(TinyEncoder.Variant.exported()));
        Path fused = tmp.resolve("fused.onnx");
        Path plain = tmp.resolve("plain.onnx");
        Cli a = Cli.run("quantize", model.toString(), "-o", fused.toString());
        Cli b = Cli.run("quantize", "--no-fuse", model.toString(), "-o", plain.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(a.out()).contains("int8: 1 MatMul, 0 Gemm, 0 Gather, 1 QAttention, 1 SkipLayerNormalization");
        assertThat(a.err()).contains("fused 1 attention blocks");
        assertThat(b.out()).contains("int8: 4 MatMul, 0 Gemm, 0 Gather (per-channel");
        assertThat(OnnxModelReader.read(Files.readAllBytes(fused), "fused").opsets()).containsEntry("com.microsoft", 1L);
        assertThat(OnnxModelReader.read(Files.readAllBytes(plain), "plain").operators().keySet()).noneMatch(op -> op.startsWith("com.microsoft"));
    }

    @Test
    void excludedNodesStayFp32() throws IOException {
        Path model = Files.write(tmp.resolve("m.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13));
        Cli r = Cli.run("quantize", model.toString(), "-o", tmp.resolve("o.onnx").toString(), "--exclude-nodes", "mm");
        assertOneLineError(r, 1, "nothing to quantise");
        assertThat(r.err()).contains("kept fp32: mm: excluded by --exclude-nodes");
    }

    @Test
    void missingFileIsOneLine() {
        assertOneLineError(Cli.run("quantize", tmp.resolve("nope.onnx").toString(), "-o", tmp.resolve("o.onnx").toString()), 1, "nope.onnx");
    }

    @Test
    void notAnOnnxModelIsOneLine() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.onnx"), "this is not protobuf at all, just text\n");
        assertOneLineError(Cli.run("quantize", junk.toString(), "-o", tmp.resolve("o.onnx").toString()), 1, "not an ONNX model");
        assertThat(Files.exists(tmp.resolve("o.onnx"))).isFalse();
    }

    @Test
    void unknownOpIsOneLine() throws IOException {
        Path model = Files.write(tmp.resolve("m.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13));
        assertOneLineError(Cli.run("quantize", model.toString(), "-o", tmp.resolve("o.onnx").toString(), "--ops", "MatMul,Conv"),
                1, "unknown op 'Conv' in --ops; expected some of MatMul, Gemm, Gather");
    }

    @Test
    void unsupportedOpsetIsOneLine() throws IOException {
        Path model = Files.write(tmp.resolve("m.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 5));
        assertOneLineError(Cli.run("quantize", model.toString(), "-o", tmp.resolve("o.onnx").toString()), 1,
                "unsupported opset: tiny uses ai.onnx opset 5; onnxruntime expects 7 to 26".replace("tiny", model.toString()));
    }

    @Test
    void unknownPrecisionIsOneLine() throws IOException {
        Path model = Files.write(tmp.resolve("m.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13));
        assertOneLineError(Cli.run("quantize", model.toString(), "-o", tmp.resolve("o.onnx").toString(), "--precision", "int4"),
                1, "unknown --precision 'int4'; expected int8 or fp16");
    }
}
