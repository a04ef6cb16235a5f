package io.tandem.converter;

import io.tandem.converter.bundle.VariantUpdate;
import io.tandem.converter.onnx.ProtoWriter;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.EngineVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    static String digits() {
        return Cli.cnnMnist().replace("cnn_mnist.onnx", "mnist_test_head.libsvm");
    }

    @Test
    void int8MnistPassesAndItsFiguresGoIntoTheManifest() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        Cli q = Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm,server");
        assertThat(q.exitCode()).as(q.err()).isZero();

        Cli r = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mnist-cnn int8: top1Agreement 1.0000");
        Manifest m = manifest(bundle);
        assertThat(m.variants().get(0).name()).isEqualTo("fp32"); // appended, never first
        assertThat(m.variant("int8").metrics()).containsEntry("samples", 62L).containsKey("maxProbError").doesNotContainKey("latencyMs");
        assertThat(((Number) m.variant("int8").metrics().get("top1Agreement")).doubleValue()).isEqualTo(1.0);
        // wasm and server: measured on both engines, the browser's first; each says where, with the CPU.
        assertThat(m.variant("int8").weightRange()).isEqualTo("u8");
        assertThat((Map<String, Object>) m.variant("int8").metrics().get("measuredOn")).containsEntry("engine", "onnxruntime-web")
                .containsEntry("version", EngineVersions.of(Engine.WEB)).containsEntry("backend", "wasm").containsKey("cpu");
        @SuppressWarnings("unchecked") Map<String, Object> server = (Map<String, Object>) m.variant("int8").metrics().get("onnxruntime");
        assertThat(server).containsEntry("samples", 62L).containsKey("top1Agreement");
        assertThat((Map<String, Object>) server.get("measuredOn")).containsEntry("engine", "onnxruntime").containsEntry("backend", "cpu");
        assertThat(r.out()).contains("on onnxruntime-web ").contains("on onnxruntime " + EngineVersions.of(Engine.JAVA) + " cpu");

        // The drift reference: input statistics over the same 62 digits.
        assertThat(r.out()).contains("mnist-cnn drift reference: 62 inputs, pixelMean (");
        assertThat(m.reference().samples()).isEqualTo(62);
        assertThat(m.reference().features()).extracting(f -> f.name()).containsExactly("pixelMean", "pixelStd", "inkShare");
        for (var f : m.reference().features()) {
            assertThat(java.util.Arrays.stream(f.counts()).sum()).as(f.name()).isEqualTo(62);
            assertThat(f.counts().length).as(f.name()).isBetween(2, 10);
        }

        // Measured once: a second run leaves the manifest as it is.
        String before = Files.readString(bundle.resolve("manifest.json"));
        assertThat(Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits()).out()).contains("up to date");
        assertThat(Files.readString(bundle.resolve("manifest.json"))).isEqualTo(before);
    }

    @Test
    void figuresFromAnotherEngineAreMeasuredAgainOnTheVariantsOwn() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        assertThat(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm").exitCode()).isZero();
        Cli forced = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits(), "--engine", "java");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat((Map<String, Object>) manifest(bundle).variant("int8").metrics().get("measuredOn")).containsEntry("engine", "onnxruntime");

        // A wasm variant's figures from onnxruntime Java are not its own: the next plain run measures it in ORT Web.
        Cli auto = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.out()).doesNotContain("up to date").contains("on onnxruntime-web");
        assertThat((Map<String, Object>) manifest(bundle).variant("int8").metrics().get("measuredOn")).containsEntry("engine", "onnxruntime-web");
        assertThat(manifest(bundle).variant("int8").weightRange()).isEqualTo("full");
    }

    @Test
    void unknownEngineIsOneLine() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        assertOneLineError(Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--engine", "gpu"), 1,
                "unknown --engine 'gpu'; expected auto, web, java or both");
    }

    @Test
    void reimportKeepsTheDriftReferenceWhileInputsArePreparedTheSameWay() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        assertThat(manifest(bundle).reference()).isNull();
        Cli r = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String validated = Files.readString(bundle.resolve("manifest.json"));
        assertThat(validated).contains("\"reference\"");

        ImportCommandTest.importCnn(tmp);
        assertThat(Files.readString(bundle.resolve("manifest.json"))).isEqualTo(validated);

        // Another normalisation prepares other tensors: the old reference no longer describes them.
        Files.writeString(bundle.resolve("recipe.json"), Files.readString(bundle.resolve("recipe.json")).replace("0.3081", "0.5"));
        Cli again = Cli.run("import", "--quiet", "--recipe", bundle.resolve("recipe.json").toString(), "--model", Cli.cnnMnist());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(manifest(bundle).reference()).isNull();
    }

    @Test
    void aBrokenVariantIsRefusedSayingByHowMuch() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        VariantUpdate.put(bundle, "broken", "int8", "model.broken.onnx", alwaysSeven(), List.of("wasm"));
        String before = Files.readString(bundle.resolve("manifest.json"));

        Cli r = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits());
        // 7 of the 62 digits are sevens: agreement 0.1129, 0.8771 below the 0.99 gate.
        // Measured where the wasm variant runs, ORT Web; the message names it and how to look again.
        assertOneLineError(r, 1, ": top1Agreement 0.1129 is 0.8771 below the gate 0.9900 (--min-top1) over 62 inputs; inspect it with: "
                + "tandem-converter validate --bundle " + bundle + " --variants broken --engine web --force");
        assertThat(r.err()).contains("variant broken refused on onnxruntime-web " + EngineVersions.of(Engine.WEB) + " wasm, 1 thread, ");
        assertThat(Files.readString(bundle.resolve("manifest.json"))).isEqualTo(before);

        Cli lax = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", digits(), "--min-top1", "0.05");
        assertThat(lax.exitCode()).as(lax.err()).isZero();
    }

    @Test
    void imageTaskWithoutSamplesIsComparedOnSyntheticImagesButGetsNoDriftReference() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        VariantUpdate.put(bundle, "broken", "int8", "model.broken.onnx", alwaysSeven(), List.of("wasm"));
        assertOneLineError(Cli.run("validate", "--bundle", bundle.toString()), 1, "variant broken refused on onnxruntime-web");
        VariantUpdate.put(bundle, "same", "int8", "model.same.onnx", Files.readAllBytes(bundle.resolve("model.onnx")), List.of("server"));
        Cli r = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--variants", "same");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("same: top1Agreement 1.0000, maxProbError 0.0000 over 96 inputs");
        // Synthetic images stand for no user: no drift reference is made from them.
        assertThat(Manifest.parse(Files.readString(bundle.resolve("manifest.json"))).reference()).isNull();
    }

    @Test
    void unknownVariantIsOneLine() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        assertOneLineError(Cli.run("validate", "--bundle", bundle.toString(), "--variants", "int4"), 1, "has no variant 'int4' besides fp32");
    }

    /** A "model" with the CNN's input and output that ignores the image and always says 7. */
    static byte[] alwaysSeven() {
        float[] scores = new float[10];
        scores[7] = 5f;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(scores);
        ProtoWriter tensor = new ProtoWriter().packedVarints(1, new long[] {1, 10}).varint(2, 1).bytes(9, b.array());
        ProtoWriter value = new ProtoWriter().string(1, "value").message(5, tensor).varint(20, 4);
        ProtoWriter constant = new ProtoWriter().string(2, "output_probs").string(4, "Constant").message(5, value);
        ProtoWriter graph = new ProtoWriter().message(1, constant).string(2, "always-seven")
                .message(11, TinyModels.tensor("input_image", TinyModels.FLOAT, "batch", 1L, 28L, 28L))
                .message(12, TinyModels.tensor("output_probs", TinyModels.FLOAT, "batch", 10L));
        return QuantModels.model(graph, 13);
    }

    private static Manifest manifest(Path bundle) throws IOException {
        return Manifest.parse(Files.readString(bundle.resolve("manifest.json"), StandardCharsets.UTF_8));
    }
}
