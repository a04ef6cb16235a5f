package io.tandem.converter;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code import --model m.onnx} without {@code --recipe}: propose, print, write recipe.json, import with it. */
class ProposeImportCliTest {
    @TempDir
    Path tmp;

    @Test
    void cnnMnistIsProposedPrintedWrittenAndImported() throws IOException {
        Path out = tmp.resolve("digits");
        Cli r = Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path recipe = out.resolve("recipe.json");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("proposed " + recipe + " (edit it, then import with --recipe " + recipe + "); assumed:");
        assertThat(lines.get(1)).isEqualTo("  task image-classification: the model has a float32 [batch, 1, 28, 28] input (nchw, 1 channel) "
                + "and a [batch, 10] output");
        assertThat(lines.get(lines.size() - 1)).startsWith("cnn-mnist 1.0.0: wrote " + out + " (model.onnx 86.4 KiB, manifest.json)");
        // Every printed assumption is a note of the recipe, in the same order.
        List<String> printed = lines.subList(1, lines.size() - 1).stream().map(String::strip).toList();
        assertThat(JsonObject.parse(Files.readString(recipe), "recipe").strings("notes")).isEqualTo(printed);

        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.id()).isEqualTo("cnn-mnist");
        assertThat(m.preprocessing().string("type")).isEqualTo("image");
        assertThat(m.labels()).hasSize(10);
        assertThat(m.provenance()).containsEntry("source", "maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/cnn_mnist.onnx")
                .containsEntry("licence", "NOASSERTION");

        // The user's next step: import with the recipe; nothing changed, so nothing is written.
        Cli again = Cli.run("import", "--model", RealModels.cnnMnist(), "--recipe", recipe.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("up to date in " + out);
        // The same proposal again: the recipe is the one on disk, the bundle up to date.
        Cli proposedAgain = Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--out", out.toString());
        assertThat(proposedAgain.exitCode()).as(proposedAgain.err()).isZero();
        assertThat(proposedAgain.out()).contains("up to date in " + out);
    }

    @Test
    void anEditedRecipeIsNotReplacedWithoutForce() throws IOException {
        Path out = tmp.resolve("digits");
        assertThat(Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--out", out.toString()).exitCode()).isZero();
        Path recipe = out.resolve("recipe.json");
        String edited = Files.readString(recipe).replace("\"licence\": \"NOASSERTION\"", "\"licence\": \"Apache-2.0\"");
        Files.writeString(recipe, edited);

        assertOneLineError(Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--out", out.toString()), 1,
                recipe + " exists and differs from the proposal: import with --recipe " + recipe + ", or add --force to replace it");
        assertThat(Files.readString(recipe)).isEqualTo(edited);

        Cli forced = Cli.run("import", "-q", "--force", "--model", RealModels.cnnMnist(), "--out", out.toString());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(recipe)).contains("\"licence\": \"NOASSERTION\"");
    }

    @Test
    void labelsIdTitleAndDevicesShapeTheProposal() throws IOException {
        Path labels = Files.writeString(tmp.resolve("digits.txt"), "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n");
        Path out = tmp.resolve("b");
        Cli r = Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--out", out.toString(), "--labels", labels.toString(),
                "--id", "digits", "--title", "Digits", "--devices", "wasm,server");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  labels from digits.txt (10)\n").doesNotContain("  devices ");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.id()).isEqualTo("digits");
        assertThat(m.title()).isEqualTo("Digits");
        assertThat(m.labels()).startsWith("zero", "one");
        assertThat(m.variant("fp32").devices()).containsExactly("wasm", "server");
        assertThat(Files.readString(out.resolve("recipe.json"))).contains("\"labelsSource\": \"" + labels + "\"");
    }

    @Test
    void aTextModelFindsItsTokenizerBesideItInTheJar() throws IOException {
        Path out = tmp.resolve("tiny");
        Cli r = Cli.run("import", "-q", "--model", RealModels.tinyBert(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  tokenizer tinybert-tokenizer.json, found beside the model (--tokenizer to choose another)\n");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.task().wireName()).isEqualTo("text-embedding");
        assertThat(m.file("vocab.txt").bytes()).isPositive();
        assertThat(m.provenance()).containsEntry("tokenizerSource",
                "maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/extractors/tinybert-tokenizer.json");
    }

    @Test
    void aTokenClassifierIsProposedFromItsConfigAndImported() throws IOException {
        StringBuilder id2label = new StringBuilder("{\"0\": \"O\"");
        for (int i = 1; i < 50; i++) {
            id2label.append(", \"").append(i).append("\": \"").append(i % 2 == 1 ? "B-" : "I-").append("T").append((i + 1) / 2).append('"');
        }
        Path config = Files.writeString(tmp.resolve("config.json"),
                "{\"architectures\": [\"BertForTokenClassification\"], \"id2label\": " + id2label + "}}");
        Path out = tmp.resolve("ner");
        Cli r = Cli.run("import", "-q", "--model", RealModels.tinyBert(), "--config", config.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  labels from config.json id2label (50)\n");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.task().wireName()).isEqualTo("token-classification");
        assertThat(m.postprocessing().string("type")).isEqualTo("token-spans");
        assertThat(m.labels()).hasSize(50).startsWith("O", "B-T1", "I-T1");
        assertThat(Files.readString(out.resolve("recipe.json"))).contains("\"configSource\": \"" + config + "\"");
    }

    @Test
    void aTextModelWithoutATokenizerIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path model = Files.write(tmp.resolve("tiny.onnx"), TinyModels.textModel());
        Path out = tmp.resolve("out");
        assertOneLineError(Cli.run("import", "-q", "--model", model.toString(), "--out", out.toString()), 1,
                "model tiny.onnx is a text model (int64 inputs input_ids, attention_mask) and needs its tokenizer: pass --tokenizer <tokenizer.json>");
        assertThat(out).doesNotExist();

        // With a tokenizer.json beside it, the same command goes through.
        Files.writeString(tmp.resolve("tokenizer.json"), TokenizerSettingsTest.TOKENIZER);
        Cli r = Cli.run("import", "-q", "--model", model.toString(), "--out", out.toString(), "--task", "text-embedding");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("recipe.json"))).contains("\"tokenizerSource\": \"" + tmp.resolve("tokenizer.json") + "\"");
    }

    @Test
    void aTabularModelImportsWithItsNumberedFeatures() throws IOException {
        Path model = Files.write(tmp.resolve("scores.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13));
        Path out = tmp.resolve("scores");
        Cli r = Cli.run("import", "-q", "--model", model.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.task().wireName()).isEqualTo("tabular-classification");
        assertThat(m.preprocessing().objects("features")).hasSize(4);
    }

    @Test
    void aScikitLearnClassifierIsProposedFromItsZipMapFreeModelWithItsOwnClasses() throws IOException {
        Path out = tmp.resolve("lr");
        Cli r = Cli.run("import", "-q", "--model", RealModels.lrMnist(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  task tabular-classification: the model has a float32 [batch, 784] input (a record of numbers) "
                + "and a [batch, 10] output\n").contains("  labels from the model's ZipMap (10)\n")
                .contains("  postprocessing probabilities: skl2onnx 1.6.1 models output probabilities already\n")
                .contains("  784 = 28x28: if the features are pixels, --task image-classification proposes preprocessing image with layout flat");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.outputs()).extracting(Object::toString).containsExactly("output_probability:float32[batch, 10]");
        assertThat(m.labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        Path image = tmp.resolve("lr-image");
        Cli flat = Cli.run("import", "-q", "--model", RealModels.lrMnist(), "--out", image.toString(), "--task", "image-classification");
        assertThat(flat.exitCode()).as(flat.err()).isZero();
        assertThat(Manifest.parse(Files.readString(image.resolve("manifest.json"))).preprocessing().string("layout")).isEqualTo("flat");
    }

    @Test
    void aFailedImportAfterTheProposalPointsAtTheRecipeToEdit() throws IOException {
        Path model = Files.write(tmp.resolve("old.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13, 999));
        Path out = tmp.resolve("old");
        Path recipe = out.resolve("recipe.json");
        assertOneLineError(Cli.run("import", "-q", "--model", model.toString(), "--out", out.toString()), 1,
                "(the proposed recipe is " + recipe + ": edit it and import with --recipe " + recipe + ")");
        assertThat(recipe).exists();
        assertThat(out.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void commandLineMistakesAreUsageErrors() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), ImportCommandTest.CNN_RECIPE);
        for (List<String> args : List.of(
                List.of("import", "--model", RealModels.cnnMnist(), "--recipe", recipe.toString(), "--task", "image-classification"),
                List.of("import", "--model", RealModels.cnnMnist(), "--recipe", recipe.toString(), "--labels", "x.txt", "--id", "x"),
                List.of("import", "--model", RealModels.cnnMnist(), "--task", "summarisation"),
                List.of("import", "--model", RealModels.cnnMnist(), "--devices", "wasm,gpu"),
                List.of("import", "--model", RealModels.cnnMnist(), "--id", "../up"),
                List.of("import", "--model", RealModels.cnnMnist(), "--title", " "))) {
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        }
        assertThat(Cli.run("import", "--model", RealModels.cnnMnist(), "--recipe", recipe.toString(), "--task", "image-classification").err())
                .contains("--task shape a proposed recipe: give them without --recipe, or write them into the recipe");
        assertThat(Cli.run("import", "--model", RealModels.cnnMnist(), "--task", "summarisation").err())
                .contains("Invalid value for option '--task': expected one of [image-classification, text-classification");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("recipe.json");
    }

    @Test
    void aTokenizerForAnImageModelIsRefused() throws IOException {
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), TokenizerSettingsTest.TOKENIZER);
        Path out = tmp.resolve("out");
        assertOneLineError(Cli.run("import", "-q", "--model", RealModels.cnnMnist(), "--tokenizer", tokenizer.toString(), "--out", out.toString()),
                1, "--tokenizer given, but the proposed preprocessing 'image' uses no tokenizer");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpNamesTheProposalOptions() {
        Cli r = Cli.run("import", "--help");
        assertThat(r.exitCode()).isZero();
        for (String option : List.of("--task", "--config", "--labels", "--id", "--title", "--devices")) {
            assertThat(r.out()).contains(option);
        }
        assertThat(Arrays.asList(r.out().split("\n"))).anyMatch(l -> l.contains("Without --recipe, proposes one"));
    }
}
