package io.tandem.converter;

import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.ProtoWriter;
import io.tandem.converter.support.OperatorSupport;
import io.tandem.converter.support.OperatorSupport.Status;
import io.tandem.converter.support.OperatorTable;
import io.tandem.pipeline.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** inspect's operator-support report, on the mnist-cnn bundle's real variants and on made-up operators. */
class OperatorSupportTest {
    @TempDir
    Path tmp;

    private static final OperatorTable TABLE = OperatorTable.ortWeb();

    @Test
    void theMnistCnnFp32ModelRunsEverywhere() {
        Cli r = Cli.run("inspect", Cli.cnnMnist());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Conv\\s+ai.onnx 9\\s+yes\\s+yes")
                .containsPattern("LogSoftmax\\s+ai.onnx 9\\s+yes\\s+CPU fallback")
                .contains("support      all ops run on wasm; 1 op falls back to CPU on webgpu: LogSoftmax");
    }

    @Test
    void theInt8VariantsIntegerOpsFallBackToCpuOnWebgpu() throws IOException {
        // The bundle's int8 variant, made exactly as the models build makes it.
        Path int8 = tmp.resolve("mnist.int8.onnx");
        Cli q = Cli.run("quantize", "--quiet", Cli.cnnMnist(), "-o", int8.toString());
        assertThat(q.exitCode()).as(q.err()).isZero();

        OperatorSupport s = OperatorSupport.of(OnnxModelReader.read(Files.readAllBytes(int8), "int8"), TABLE);
        assertThat(row(s, "MatMulInteger").opset()).isEqualTo(11);
        assertThat(row(s, "MatMulInteger").wasm()).isEqualTo(Status.RUNS);
        assertThat(row(s, "MatMulInteger").webgpu()).isEqualTo(Status.CPU_FALLBACK);
        assertThat(row(s, "Conv").webgpu()).isEqualTo(Status.RUNS);
        assertThat(s.runsOnWasm()).isTrue();
        assertThat(s.summary()).isEqualTo("all ops run on wasm; 3 ops fall back to CPU on webgpu: DynamicQuantizeLinear, LogSoftmax, MatMulInteger");
    }

    @Test
    void aMadeUpOperatorRunsNowhereAndTheSummarySaysSo() throws IOException {
        ProtoWriter graph = new ProtoWriter()
                .message(1, TinyModels.node("Relu", "x", "h"))
                .message(1, TinyModels.node("Frobnicate", "h", "y").string(7, "com.example"))
                .string(2, "made-up")
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, 1L, 4L))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, 1L, 4L));
        byte[] model = new ProtoWriter().varint(1, 8).string(2, "tandem-test").string(3, "1").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .message(8, new ProtoWriter().string(1, "com.example").varint(2, 1)).toBytes();
        Path file = Files.write(tmp.resolve("made-up.onnx"), model);

        Cli r = Cli.run("inspect", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("com.example.Frobnicate\\s+com.example 1\\s+no\\s+no")
                .containsPattern("Relu\\s+ai.onnx 13\\s+yes\\s+yes")
                .contains("1 op does not run on wasm: com.example.Frobnicate; 1 op does not run on webgpu: com.example.Frobnicate");

        Cli json = Cli.run("inspect", "--json", file.toString());
        JsonObject support = JsonObject.parse(json.out(), "inspect").object("operatorSupport");
        assertThat(support.string("runtime")).isEqualTo("ONNX Runtime Web 1.29");
        JsonObject frob = support.objects("operators").stream().filter(o -> o.string("op").equals("Frobnicate")).findFirst().orElseThrow();
        assertThat(frob.string("domain")).isEqualTo("com.example");
        assertThat(frob.string("wasm")).isEqualTo("missing");
        assertThat(frob.string("webgpu")).isEqualTo("missing");
        assertThat(support.string("summary")).startsWith("1 op does not run on wasm");
    }

    @Test
    void opsetRangesDecide() {
        // Transpose has WebGPU kernels for opsets 1–20 only (it changed at 21); the CPU has it for every opset.
        assertThat(TABLE.has("webgpu", "ai.onnx", "Transpose", 20)).isTrue();
        assertThat(TABLE.has("webgpu", "ai.onnx", "Transpose", 21)).isFalse();
        assertThat(TABLE.has("wasm", "ai.onnx", "Transpose", 21)).isTrue();
        // Scatter was replaced by ScatterElements at 11.
        assertThat(TABLE.has("wasm", "ai.onnx", "Scatter", 10)).isTrue();
        assertThat(TABLE.has("wasm", "ai.onnx", "Scatter", 11)).isFalse();
        assertThat(TABLE.has("wasm", "ai.onnx", "Gelu", 19)).isFalse();
        assertThat(TABLE.has("wasm", "com.microsoft", "Gelu", 1)).isTrue();
        assertThat(TABLE.has("graph", "ai.onnx", "Constant", 13)).isTrue();
    }

    private static OperatorSupport.Row row(OperatorSupport s, String op) {
        return s.rows().stream().filter(r -> r.op().equals(op)).findFirst().orElseThrow();
    }
}
