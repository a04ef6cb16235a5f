package com.example.sentiment;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TandemExtension;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The team's task on the JVM, as the server and the converter see it: found by ServiceLoader, never added by hand. */
class SentimentTaskTest {
    /** A vocabulary small enough to read: [CLS] good film [SEP] is 2 5 7 3. */
    static final String VOCAB = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "film", "not");

    /** A bundle's manifest as the converter would write it, read back the way the server and the browser read it. */
    static Manifest manifest(Map<String, Object> post, List<String> labels, long width) {
        Manifest built = Manifest.builder().id("reviews").version("1.0.0").task(Tasks.task("text-sentiment"))
                .input(new TensorSpec("input_ids", DType.INT64, List.of("batch", "sequence")))
                .input(new TensorSpec("attention_mask", DType.INT64, List.of("batch", "sequence")))
                .output(new TensorSpec("logits", DType.FLOAT32, List.of("batch", width)))
                .preprocessing(Map.of("type", "bert-wordpiece", "vocab", "vocab.txt", "maxLength", 16L))
                .postprocessing(post)
                .labels(labels)
                .file(new BundleFile("vocab.txt", VOCAB.length(), "00"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 1, "00"), List.of("wasm", "server"), Map.of()))
                .build();
        return Manifest.parse(built.toJson());
    }

    static Manifest manifest(Map<String, Object> post) {
        return manifest(post, List.of("negative", "positive"), 2);
    }

    static TaskPipeline open(Manifest m) {
        return Tasks.open(m, path -> VOCAB);
    }

    static Map<String, Tensor> logits(float negative, float positive) {
        return Map.of("logits", Tensor.ofFloats(new int[] {1, 2}, new float[] {negative, positive}));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(TaskPipeline p, String text, Map<String, Tensor> outputs) {
        return (Map<String, Object>) p.postprocess(p.preprocess(ModelInput.text(text)), outputs);
    }

    @Test
    void theServiceFileNamesTheExtension() {
        List<Class<?>> found = new ArrayList<>();
        for (TandemExtension e : ServiceLoader.load(TandemExtension.class)) {
            found.add(e.getClass());
        }
        assertThat(found).containsExactly(SentimentExtension.class);
    }

    @Test
    void theRegistryKnowsTheTaskWithoutBeingTold() {
        TaskType t = Tasks.task("text-sentiment");
        assertThat(t.preprocessingTypes()).containsExactly("bert-wordpiece");
        assertThat(t.postprocessingTypes()).containsExactly("sentiment");
        assertThat(t.inputKind()).isEqualTo(InputKind.TEXT);
        assertThat(t.outputKind()).isEqualTo(OutputKind.CLASS_SCORES);
        assertThat(Tasks.postprocessor("sentiment").options().names()).containsExactly("output", "positive", "negative");
    }

    @Test
    void theBuiltInsStayFirstAndTheTeamsTaskFollows() {
        // The built-ins as Tandem registers them, whatever their number: ours come after, never between.
        java.util.List<String> builtIns = new java.util.ArrayList<>();
        new io.tandem.pipeline.task.builtin.BuiltInTasks().register(new io.tandem.pipeline.task.TandemExtension.Registrar() {
            @Override
            public void task(TaskType task) {
                builtIns.add(task.wireName());
            }

            @Override
            public void preprocessor(io.tandem.pipeline.task.PreprocessorType type) {
            }

            @Override
            public void postprocessor(io.tandem.pipeline.task.PostprocessorType type) {
            }
        });
        assertThat(builtIns).contains("image-classification", "text-embedding", "token-classification");
        assertThat(Tasks.all()).extracting(TaskType::wireName).startsWith(builtIns.toArray(new String[0])).endsWith("text-sentiment");
        assertThat(Tasks.postprocessors().get(Tasks.postprocessors().size() - 1).type()).isEqualTo("sentiment");
    }

    @Test
    void aManifestWithTheTaskOpensAndTokenizesWithTheBuiltInPreprocessing() {
        TaskPipeline p = open(manifest(Map.of("type", "sentiment")));
        assertThat(p.task().wireName()).isEqualTo("text-sentiment");
        Prepared prepared = p.preprocess(ModelInput.text("Good film"));
        assertThat(prepared.feed("input_ids").longs()).containsExactly(2, 5, 7, 3);
        assertThat(prepared.feed("attention_mask").longs()).containsExactly(1, 1, 1, 1);
        assertThat(p.sampleInput().kind()).isEqualTo(InputKind.TEXT);
    }

    @Test
    void logitsBecomeTheSentimentItsScoreAndTheProbabilities() {
        TaskPipeline p = open(manifest(Map.of("type", "sentiment")));
        Map<String, Object> r = result(p, "good film", logits(-1, 1));
        assertThat(r).containsOnlyKeys("sentiment", "score", "probabilities");
        assertThat(r.get("sentiment")).isEqualTo("positive");
        // softmax([-1, 1]) = [1 / (1 + e^2), 1 / (1 + e^-2)]; their difference is tanh(1)
        assertThat((Double) r.get("score")).isCloseTo(Math.tanh(1), within(1e-12));
        @SuppressWarnings("unchecked")
        Map<String, Object> probabilities = (Map<String, Object>) r.get("probabilities");
        assertThat(probabilities).containsOnlyKeys("negative", "positive");
        assertThat((Double) probabilities.get("negative")).isCloseTo(1 / (1 + Math.exp(2)), within(1e-12));
        assertThat((Double) probabilities.get("positive")).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));

        // Exact where the arithmetic is: equal logits are a coin toss, score 0, the first label on the tie.
        assertThat(Json.writeCompact(result(p, "film", logits(0, 0))))
                .isEqualTo("{\"sentiment\":\"negative\",\"score\":0,\"probabilities\":{\"negative\":0.5,\"positive\":0.5}}");
    }

    @Test
    void variantsAreComparedOnTheProbabilitiesInLabelOrder() {
        TaskPipeline p = open(manifest(Map.of("type", "sentiment")));
        float[] c = p.comparable(p.preprocess(ModelInput.text("bad film")), logits(2, -2));
        assertThat(c).hasSize(2);
        assertThat((double) c[0]).isCloseTo(1 / (1 + Math.exp(-4)), within(1e-7));
        assertThat((double) c[0] + c[1]).isCloseTo(1, within(1e-7));
    }

    @Test
    void theTeamsOwnLabelNamesAndOrderAreHonoured() {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("type", "sentiment");
        post.put("positive", "pos");
        post.put("negative", "neg");
        TaskPipeline p = open(manifest(post, List.of("pos", "neg"), 2));
        // Label order is the model's: here the first logit is the positive one.
        Map<String, Object> r = result(p, "bad film", logits(-3, 3));
        assertThat(r.get("sentiment")).isEqualTo("neg");
        assertThat((Double) r.get("score")).isCloseTo(-Math.tanh(3), within(1e-12));
    }

    @Test
    void anUnknownFieldIsRefusedWithTheKnownFields() {
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment", "positve", "pos"))))
                .isInstanceOf(RecipeException.class)
                .hasMessage("postprocessing.positve: unknown field for type 'sentiment' (known fields: [output, positive, negative])");
    }

    @Test
    void aWronglyTypedFieldIsRefused() {
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment", "positive", 1L))))
                .isInstanceOf(RecipeException.class)
                .hasMessage("postprocessing.positive: expected a string, found 1");
    }

    @Test
    void labelsAndOutputsThatDoNotFitAreRefusedWhenTheBundleOpens() {
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment", "positive", "good"))))
                .hasMessage("postprocessing.positive: expected one of the labels [negative, positive], found 'good'");
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment", "negative", "positive"))))
                .hasMessage("postprocessing.negative: expected a label other than the positive one, found 'positive' for both");
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment", "output", "scores"))))
                .hasMessage("postprocessing.output: expected one of the model outputs [logits], found 'scores'");
        assertThatThrownBy(() -> open(manifest(Map.of("type", "sentiment"), List.of("negative", "positive"), 3)))
                .hasMessage("outputs.logits: expected 2 logits (one per label) in the last dimension, found 3 in [batch, 3]");
    }

    @Test
    void anotherTasksPostprocessingIsRefused() {
        assertThatThrownBy(() -> open(manifest(Map.of("type", "softmax"))))
                .hasMessage("postprocessing.type: expected one of [sentiment] for task 'text-sentiment', found 'softmax'");
    }

    @Test
    void namesCannotBeTakenTwiceNorBuiltInsReplaced() {
        assertThatThrownBy(() -> Tasks.add(new SentimentExtension()))
                .isInstanceOf(IllegalStateException.class).hasMessage("postprocessing type 'sentiment' is registered twice");
        assertThatThrownBy(() -> Tasks.add(r -> r.task(new TaskType("text-classification", "mine", List.of("bert-wordpiece"),
                List.of("sentiment"))))).isInstanceOf(IllegalStateException.class).hasMessage("task 'text-classification' is registered twice");
        assertThat(Tasks.task("text-classification").postprocessingTypes()).containsExactly("softmax", "sigmoid", "probabilities");
    }
}
