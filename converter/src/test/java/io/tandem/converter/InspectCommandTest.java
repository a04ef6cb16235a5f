package io.tandem.converter;

import io.tandem.converter.onnx.ProtoWriter;

import io.tandem.pipeline.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsCnnMnistInputsOutputsAndOperators() {
        Cli r = Cli.run("inspect", Cli.cnnMnist());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("input_image\\s+float32 \\[batch, 1, 28, 28\\]")
                .containsPattern("output_probs\\s+float32 \\[batch, 10\\]")
                .containsPattern("ir version\\s+4")
                .containsPattern("producer\\s+pytorch 1.1")
                .containsPattern("opsets\\s+ai.onnx 9")
                .containsPattern("size\\s+88469 bytes")
                .containsPattern("sha256\\s+[0-9a-f]{64}")
                .containsPattern("13 nodes, 7 types, 8 initializers")
                .containsPattern("Conv\\s+2")
                .containsPattern("Relu\\s+4")
                .containsPattern("LogSoftmax\\s+1");
    }

    @Test
    void jsonIsMachineReadable() {
        Cli r = Cli.run("inspect", "--json", Cli.cnnMnist());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject o = JsonObject.parse(r.out(), "inspect");
        assertThat(o.integer("bytes")).isEqualTo(88469);
        assertThat(o.object("opsets").integer("ai.onnx")).isEqualTo(9);
        JsonObject input = o.objects("inputs").get(0);
        assertThat(input.string("name")).isEqualTo("input_image");
        assertThat(input.string("dtype")).isEqualTo("float32");
        assertThat(input.array("shape")).containsExactly("batch", 1L, 28L, 28L);
        assertThat(o.object("operators").integer("Conv")).isEqualTo(2);
    }

    @Test
    void unnamedDimensionsShowAsQuestionMarksAndNullInJson() throws IOException {
        ProtoWriter graph = new ProtoWriter()
                .message(1, TinyModels.node("Identity", "x", "y"))
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, null, 1L, 28L, 28L))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, null, 1L, 28L, 28L));
        Path model = Files.write(tmp.resolve("unnamed.onnx"), TinyModels.model(graph));

        assertThat(Cli.run("inspect", model.toString()).out()).containsPattern("x\\s+float32 \\[\\?, 1, 28, 28\\]");
        JsonObject o = JsonObject.parse(Cli.run("inspect", "--json", model.toString()).out(), "inspect");
        assertThat(o.objects("inputs").get(0).array("shape")).containsExactly(null, 1L, 28L, 28L);
    }

    @Test
    void checksABundleDirectoryAgainstItsManifest() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);

        Cli ok = Cli.run("inspect", bundle.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("mnist-cnn 1.0.0").containsPattern("model.onnx\\s+variant fp32, 88469 bytes: ok");

        byte[] model = Files.readAllBytes(bundle.resolve("model.onnx"));
        model[model.length - 1] ^= 1;
        Files.write(bundle.resolve("model.onnx"), model);
        Cli bad = Cli.run("inspect", bundle.toString());
        assertThat(bad.out()).contains("model.onnx").contains("expected sha256");
        assertOneLineError(bad, 1, "1 file(s) do not match the manifest");
    }

    @Test
    void missingFileIsAOneLineError() {
        assertOneLineError(Cli.run("inspect", tmp.resolve("nope.onnx").toString()), 1, "model file not found");
    }

    @Test
    void textFileRenamedOnnxIsRefused() throws IOException {
        Path fake = Files.writeString(tmp.resolve("fake.onnx"), "hello, I am not a model\n");
        assertOneLineError(Cli.run("inspect", fake.toString()), 1, "not an ONNX model");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        assertOneLineError(Cli.run("inspect", empty.toString()), 1, "not an ONNX model");
    }

    @Test
    void missingJarEntryIsRefused() {
        String jar = Cli.cnnMnist().substring(0, Cli.cnnMnist().indexOf("!/"));
        assertOneLineError(Cli.run("inspect", jar + "!/no/such.onnx"), 1, "has no file 'no/such.onnx'");
    }

    @Test
    void directoryWithoutManifestIsRefused() {
        assertOneLineError(Cli.run("inspect", tmp.toString()), 1, "not a bundle");
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertOneLineError(Cli.run("inspect"), 2, "Missing required parameter");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli r = Cli.run("inspect", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: tandem-converter inspect").contains("--json");
    }

    /** Exit code, one line on stderr naming the problem, and no stack trace. */
    static void assertOneLineError(Cli r, int exitCode, String fragment) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(exitCode);
        List<String> lines = Arrays.stream(r.err().split("\\R")).filter(l -> !l.isBlank()).toList();
        // Progress notes may precede the error; the error is the last line and the only one with it.
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).contains(fragment);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
