package io.tandem.converter;

import io.tandem.converter.io.Sha256;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.bundle.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {
    static final String CNN_RECIPE = """
            {
              "id": "mnist-cnn",
              "version": "1.0.0",
              "title": "Handwritten digits (CNN)",
              "task": "image-classification",
              "source": "maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/cnn_mnist.onnx",
              "licence": "Apache-2.0",
              "inputs": [{"name": "input_image", "dtype": "float32", "shape": ["batch", 1, 28, 28]}],
              "outputs": [{"name": "output_probs", "dtype": "float32", "shape": ["batch", 10]}],
              "preprocessing": {"type": "digit-image", "size": 28, "box": 20, "mean": 0.1307, "std": 0.3081},
              "postprocessing": {"type": "softmax"},
              "labels": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
              "devices": ["wasm", "webgpu", "server"]
            }
            """;

    @TempDir
    Path tmp;

    /** Imports cnn_mnist into {@code <dir>/mnist-cnn} and returns that bundle directory. */
    static Path importCnn(Path dir) throws IOException {
        Path bundle = dir.resolve("mnist-cnn");
        Files.createDirectories(bundle);
        Path recipe = Files.writeString(bundle.resolve("recipe.json"), CNN_RECIPE);
        Cli r = Cli.run("import", "--quiet", "--recipe", recipe.toString(), "--model", Cli.cnnMnist());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return bundle;
    }

    @Test
    void writesAManifestWhoseHashesMatchTheFiles() throws IOException {
        Path bundle = importCnn(tmp);

        Manifest m = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        assertThat(m.id()).isEqualTo("mnist-cnn");
        assertThat(m.task()).isEqualTo(Tasks.task("image-classification"));
        assertThat(m.inputs()).hasSize(1);
        assertThat(m.inputs().get(0).toString()).isEqualTo("input_image:float32[batch, 1, 28, 28]");
        assertThat(m.outputs().get(0).toString()).isEqualTo("output_probs:float32[batch, 10]");
        assertThat(m.labels()).hasSize(10);
        assertThat(m.preprocessing().number("mean")).isEqualTo(0.1307);
        assertThat(m.postprocessing().string("type")).isEqualTo("softmax");

        Variant fp32 = m.variant("fp32");
        assertThat(fp32.devices()).containsExactly("wasm", "webgpu", "server");
        assertMatches(bundle, fp32.file());
        assertThat(m.provenance())
                .containsEntry("source", "maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/cnn_mnist.onnx")
                .containsEntry("licence", "Apache-2.0")
                .containsEntry("sha256", fp32.file().sha256())
                .containsEntry("converter", ConverterVersion.describe());
        // The copy is the original, byte for byte.
        assertThat(fp32.file().bytes()).isEqualTo(88469);
    }

    @Test
    void secondRunIsUpToDateAndLeavesTheManifestByteIdentical() throws IOException {
        Path bundle = importCnn(tmp);
        byte[] first = Files.readAllBytes(bundle.resolve("manifest.json"));

        Cli again = Cli.run("import", "--recipe", bundle.resolve("recipe.json").toString(), "--model", Cli.cnnMnist());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("up to date");
        assertThat(Files.readAllBytes(bundle.resolve("manifest.json"))).isEqualTo(first);

        // A damaged copy is not "up to date": the hash says so and the file is rewritten.
        Files.write(bundle.resolve("model.onnx"), new byte[] {1, 2, 3});
        Cli repaired = Cli.run("import", "--quiet", "--recipe", bundle.resolve("recipe.json").toString(), "--model", Cli.cnnMnist());
        assertThat(repaired.out()).contains("wrote");
        assertThat(Files.size(bundle.resolve("model.onnx"))).isEqualTo(88469);
        assertThat(Files.readAllBytes(bundle.resolve("manifest.json"))).isEqualTo(first);
    }

    @Test
    void aDerivedVariantIsKeptOnlyWhileItsFileMatchesItsEntry() throws IOException {
        Path bundle = importCnn(tmp);
        Cli q = Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "server");
        assertThat(q.exitCode()).as(q.err()).isZero();
        String recipe = bundle.resolve("recipe.json").toString();
        Cli kept = Cli.run("import", "--quiet", "--force", "--recipe", recipe, "--model", Cli.cnnMnist());
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(Manifest.parse(Files.readString(bundle.resolve("manifest.json"))).variants()).extracting(Variant::name)
                .containsExactly("fp32", "int8");

        // Someone replaced the int8 file: the manifest no longer vouches for it.
        Files.write(bundle.resolve("model.int8.onnx"), new byte[] {1, 2, 3});
        Cli dropped = Cli.run("import", "--quiet", "--recipe", recipe, "--model", Cli.cnnMnist());
        assertThat(dropped.exitCode()).as(dropped.err()).isZero();
        assertThat(Manifest.parse(Files.readString(bundle.resolve("manifest.json"))).variants()).extracting(Variant::name)
                .containsExactly("fp32");
    }

    @Test
    void aDerivedVariantWhoseFileIsNotBuiltYetKeepsItsEntry() throws IOException {
        // A fresh clone: manifests are committed, model files are build output. Import must not forget the variants
        // (and their figures) that the build's next steps make again, byte for byte.
        Path bundle = importCnn(tmp);
        assertThat(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm").exitCode()).isZero();
        String before = Files.readString(bundle.resolve("manifest.json"));
        Files.delete(bundle.resolve("model.int8.onnx"));
        Cli again = Cli.run("import", "--quiet", "--recipe", bundle.resolve("recipe.json").toString(), "--model", Cli.cnnMnist());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(bundle.resolve("manifest.json"))).isEqualTo(before);
    }

    @Test
    void recipeThatDisagreesWithTheModelIsRefused() throws IOException {
        String wrong = CNN_RECIPE
                .replace("[\"batch\", 1, 28, 28]", "[\"batch\", 1, 32, 32]")
                .replace("\"name\": \"output_probs\", \"dtype\": \"float32\"", "\"name\": \"output_probs\", \"dtype\": \"int64\"");
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), wrong);

        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist(), "--out", tmp.resolve("out").toString());

        assertOneLineError(r, 1, "input 'input_image': expected shape [batch, 1, 32, 32], found [batch, 1, 28, 28]");
        assertThat(r.err()).contains("output 'output_probs': expected dtype int64, found float32");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void wrongInputNameAndLabelCountAreRefused() throws IOException {
        String wrong = CNN_RECIPE.replace("\"input_image\"", "\"pixels\"").replace("\"9\"]", "\"9\", \"10\"]");
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), wrong);

        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist());

        assertOneLineError(r, 1, "expected input 'pixels', found inputs [input_image]");
        assertThat(r.err()).contains("labels: expected 10 (last dimension of output 'output_probs'), found 11");
    }

    @Test
    void missingRecipeFieldIsAOneLineError() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE.replace("\"task\": \"image-classification\",", ""));
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist()), 1, "missing field 'task'");
    }

    @Test
    void unknownRecipeFieldIsRefused() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE.replace("\"licence\"", "\"license\""));
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist()), 1, "unknown field 'license'");
    }

    @Test
    void malformedRecipeIsRefused() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), "{\"id\": ");
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist()), 1, "invalid JSON");
    }

    @Test
    void missingModelAndRecipeFilesAreOneLineErrors() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE);
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", tmp.resolve("missing.onnx").toString()),
                1, "model file not found");
        assertOneLineError(Cli.run("import", "--recipe", tmp.resolve("none.json").toString(), "--model", Cli.cnnMnist()),
                1, "recipe file not found");
    }

    @Test
    void textFileRenamedOnnxIsRefused() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE);
        Path fake = Files.writeString(tmp.resolve("model.onnx"), "# just some notes\nnot a model at all\n");
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", fake.toString()), 1, "not an ONNX model");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertOneLineError(Cli.run("import", "--recipe", tmp.resolve("recipe.json").toString()), 2, "Missing required option: '--model=<model.onnx>'");
    }

    @Test
    void textModelGetsVocabAndTokenizerSettings() throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve("tiny-text"));
        Path model = Files.write(tmp.resolve("tiny.onnx"), TinyModels.textModel());
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), TokenizerSettingsTest.TOKENIZER);
        Path recipe = Files.writeString(bundle.resolve("recipe.json"), TEXT_RECIPE);

        Cli r = Cli.run("import", "--quiet", "--recipe", recipe.toString(), "--model", model.toString(), "--tokenizer", tokenizer.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(bundle.resolve("vocab.txt")))
                .containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "##s");
        Manifest m = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        assertThat(m.inputs().get(0).toString()).isEqualTo("input_ids:int64[batch, sequence]");
        assertThat(m.preprocessing().raw().keySet()).containsExactly("type", "vocab", "lowercase", "stripAccents",
                "cleanText", "handleChineseChars", "maxLength", "unkToken", "clsToken", "sepToken", "padToken",
                "continuingSubwordPrefix", "maxInputCharsPerWord", "specialTokens", "idsInput", "maskInput");
        assertThat(m.preprocessing().integer("maxLength")).isEqualTo(16);
        assertThat(m.preprocessing().bool("stripAccents", false)).isTrue();
        assertMatches(bundle, m.file("vocab.txt"));
        assertMatches(bundle, m.variant("fp32").file());
        assertThat(m.provenance()).containsEntry("tokenizerSha256", Sha256.of(Files.readAllBytes(tokenizer)));
    }

    @Test
    void recipeSettingThatContradictsTokenizerJsonIsRefused() throws IOException {
        Path model = Files.write(tmp.resolve("tiny.onnx"), TinyModels.textModel());
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), TokenizerSettingsTest.TOKENIZER);
        Path recipe = Files.writeString(tmp.resolve("recipe.json"),
                TEXT_RECIPE.replace("\"vocab\": \"vocab.txt\",", "\"vocab\": \"vocab.txt\", \"lowercase\": false, \"maxLength\": 512,"));

        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", model.toString(), "--tokenizer", tokenizer.toString());

        assertOneLineError(r, 1, "preprocessing.lowercase: expected false (recipe), found true (tokenizer.json)");
        assertThat(r.err()).contains("preprocessing.maxLength: expected 512 (recipe), found 16 (tokenizer.json)");
    }

    @Test
    void textModelWithoutTokenizerIsRefused() throws IOException {
        Path model = Files.write(tmp.resolve("tiny.onnx"), TinyModels.textModel());
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), TEXT_RECIPE);
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", model.toString()), 1, "needs --tokenizer");
    }

    @Test
    void preprocessingThatNamesAMissingInputIsRefused() throws IOException {
        Path model = Files.write(tmp.resolve("tiny.onnx"), TinyModels.textModel());
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), TokenizerSettingsTest.TOKENIZER);
        Path recipe = Files.writeString(tmp.resolve("recipe.json"),
                TEXT_RECIPE.replace("\"maskInput\": \"attention_mask\"", "\"maskInput\": \"attention_mask\", \"typeIdsInput\": \"token_type_ids\""));
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", model.toString(), "--tokenizer", tokenizer.toString()),
                1, "preprocessing.typeIdsInput: expected a model input, found 'token_type_ids'");
    }

    @Test
    void preprocessingWhoseOutputDoesNotFitTheModelIsRefusedAtImportNotAtPredict() throws IOException {
        // The case: a 224-pixel preprocessing on a 28×28 model used to import, validate and then fail every prediction.
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE.replace("\"size\": 28, \"box\": 20", "\"size\": 224, \"box\": 160"));
        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist(), "--out", tmp.resolve("out").toString());
        assertOneLineError(r, 1, "preprocessing does not fit the model: input 'input_image': expected 28 (dimension 2 of [batch, 1, 28, 28], model), "
                + "found 224 (preprocessing makes [1, 1, 224, 224])");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aPostprocessingTypeOfAnotherTaskIsRefusedWithTheTasksTypes() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), CNN_RECIPE.replace("{\"type\": \"softmax\"}", "{\"type\": \"cls\"}"));
        assertOneLineError(Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist(), "--out", tmp.resolve("out").toString()),
                1, "postprocessing.type: expected one of [softmax, sigmoid, probabilities] for task 'image-classification', found 'cls'");
    }

    @Test
    void aWronglyTypedOrUnknownPreprocessingFieldIsRefusedWithTheKnownFields() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.json"),
                CNN_RECIPE.replace("\"mean\": 0.1307", "\"mean\": [0.485, 0.456, 0.406], \"colour\": true"));
        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", Cli.cnnMnist(), "--out", tmp.resolve("out").toString());
        assertOneLineError(r, 1, "preprocessing.colour: unknown field for type 'digit-image' (known fields: [size, box, mean, std])");
        assertThat(r.err()).contains("preprocessing.mean: expected a number, found an array of 3");
    }

    @Test
    void aRecipesWholeNumberWrittenWithAFractionKeepsTheDriftReference() throws IOException {
        // "box": 20.0 in a recipe reads back from the manifest as 20: the same setting, so the
        // reference validate made must survive the next import, which is then up to date.
        Path bundle = tmp.resolve("mnist-cnn");
        Files.createDirectories(bundle);
        Path recipe = Files.writeString(bundle.resolve("recipe.json"), CNN_RECIPE.replace("\"box\": 20", "\"box\": 20.0"));
        String[] importArgs = {"import", "--quiet", "--recipe", recipe.toString(), "--model", Cli.cnnMnist()};
        assertThat(Cli.run(importArgs).exitCode()).isZero();
        Cli validate = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", ValidateCommandTest.digits());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        String validated = Files.readString(bundle.resolve("manifest.json"));
        assertThat(Manifest.parse(validated).reference()).isNotNull();

        Cli again = Cli.run(importArgs);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(bundle.resolve("manifest.json"))).as("reference kept, nothing rewritten").isEqualTo(validated);
    }

    @Test
    void aScikitLearnClassifierLosesItsZipMapAndKeepsItsClassLabels() throws IOException {
        // sklearn-onnx's default export: output_probability is a sequence of maps, which no page can read.
        String model = Cli.cnnMnist().replace("cnn_mnist.onnx", "lr_mnist.onnx");
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), """
                {"id": "lr-mnist", "version": "1.0.0", "title": "Digits (scikit-learn logistic regression)",
                 "task": "image-classification", "source": "test", "licence": "Apache-2.0",
                 "preprocessing": {"type": "image", "width": 28, "height": 28, "resize": "exact", "interpolation": "area",
                                   "channels": "grayscale", "background": 0, "scale": 1.0, "layout": "flat"},
                 "postprocessing": {"type": "probabilities"},
                 "devices": ["wasm", "server"]}
                """);
        Path out = tmp.resolve("lr-mnist");
        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", model, "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("ZipMap");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.outputs()).hasSize(1);
        assertThat(m.outputs().get(0).toString()).startsWith("output_probability:float32[");
        assertThat(m.labels()).as("the classes the ZipMap named").containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(m.provenance().get("sha256")).as("the source's hash, not the rewritten file's")
                .isNotEqualTo(m.variant("fp32").file().sha256());
        assertMatches(out, m.variant("fp32").file());
    }

    @Test
    void aTextEncoderWhoseTokenizerSetsNoTruncationTakesItsLengthFromThePositionTable() throws IOException {
        String jar = Cli.cnnMnist().substring(0, Cli.cnnMnist().indexOf("!/"));
        Path recipe = Files.writeString(tmp.resolve("recipe.json"), """
                {"id": "tinybert", "version": "1.0.0", "title": "TinyBERT", "task": "text-embedding", "source": "test",
                 "tokenizerSource": "test", "licence": "Apache-2.0",
                 "outputs": [{"name": "output_0", "dtype": "float32", "shape": ["batch", "sequence", 50]},
                             {"name": "output_1", "dtype": "float32", "shape": ["batch", 50]}],
                 "preprocessing": {"type": "bert-wordpiece", "vocab": "vocab.txt"},
                 "postprocessing": {"type": "embedding", "pooling": "cls", "output": "output_0"},
                 "devices": ["wasm", "server"]}
                """);
        Path out = tmp.resolve("tinybert");
        Cli r = Cli.run("import", "--recipe", recipe.toString(), "--model", jar + "!/org/tribuo/interop/onnx/extractors/tinybert.onnx",
                "--tokenizer", jar + "!/org/tribuo/interop/onnx/extractors/tinybert-tokenizer.json", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("maxLength 100 from the model's position table");
        Manifest m = Manifest.parse(Files.readString(out.resolve("manifest.json")));
        assertThat(m.preprocessing().integer("maxLength")).isEqualTo(100);

        Path tooLong = Files.writeString(tmp.resolve("long.json"), Files.readString(recipe).replace("\"vocab\": \"vocab.txt\"",
                "\"vocab\": \"vocab.txt\", \"maxLength\": 128"));
        assertOneLineError(Cli.run("import", "--recipe", tooLong.toString(), "--model", jar + "!/org/tribuo/interop/onnx/extractors/tinybert.onnx",
                        "--tokenizer", jar + "!/org/tribuo/interop/onnx/extractors/tinybert-tokenizer.json", "--out", tmp.resolve("x").toString()),
                1, "preprocessing.maxLength: expected at most 100 (the model's position table), found 128 (recipe)");
    }

    static final String TEXT_RECIPE = """
            {
              "id": "tiny-text",
              "version": "0.0.1",
              "title": "Tiny text model",
              "task": "text-embedding",
              "source": "test",
              "tokenizerSource": "test",
              "licence": "Apache-2.0",
              "inputs": [
                {"name": "input_ids", "dtype": "int64", "shape": ["batch", "sequence"]},
                {"name": "attention_mask", "dtype": "int64", "shape": ["batch", "sequence"]}
              ],
              "preprocessing": {"type": "bert-wordpiece", "vocab": "vocab.txt", "idsInput": "input_ids", "maskInput": "attention_mask"},
              "postprocessing": {"type": "embedding", "pooling": "none", "normalize": false},
              "devices": ["wasm", "server"]
            }
            """;

    private static void assertMatches(Path bundle, BundleFile f) throws IOException {
        Path file = bundle.resolve(f.path());
        assertThat(Files.size(file)).as(f.path() + " bytes").isEqualTo(f.bytes());
        assertThat(Sha256.of(file)).as(f.path() + " sha256").isEqualTo(f.sha256());
    }
}
