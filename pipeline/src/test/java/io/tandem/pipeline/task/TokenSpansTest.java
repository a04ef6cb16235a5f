package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token classification: per-token logits → entity spans with offsets into the caller's own text. */
class TokenSpansTest {
    private static final String VOCAB = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "ada", "love", "##lace",
            "lives", "in", "london", "query", ":", "the", "[MASK]");
    private static final List<String> LABELS = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");

    private static TaskPipeline pipeline(String aggregation, String prefix) {
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", "bert-wordpiece");
        pre.put("vocab", "vocab.txt");
        pre.put("prefix", prefix);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("type", "token-spans");
        post.put("aggregation", aggregation);
        Manifest m = Manifest.builder().id("ner").version("1").task(Tasks.task("token-classification"))
                .input(new TensorSpec("input_ids", DType.INT64, List.of("batch", "sequence")))
                .input(new TensorSpec("attention_mask", DType.INT64, List.of("batch", "sequence")))
                .output(new TensorSpec("logits", DType.FLOAT32, List.of("batch", "sequence", 5L)))
                .preprocessing(pre).postprocessing(post).labels(LABELS)
                .file(new BundleFile("vocab.txt", VOCAB.length(), "00"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 1, "00"), List.of("server"), Map.of()))
                .build();
        return Tasks.open(m, path -> VOCAB);
    }

    /** Logits putting nearly all mass on one label per token, by the labels' names. */
    private static Map<String, Tensor> logits(String... perToken) {
        float[] v = new float[perToken.length * LABELS.size()];
        for (int t = 0; t < perToken.length; t++) {
            v[t * LABELS.size() + LABELS.indexOf(perToken[t])] = 10f;
        }
        return Map.of("logits", Tensor.ofFloats(new int[] {1, perToken.length, LABELS.size()}, v));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> spans(TaskPipeline p, Prepared prepared, Map<String, Tensor> out) {
        return (List<Map<String, Object>>) p.postprocess(prepared, out);
    }

    @Test
    void wordPiecesJoinIntoOneEntityWithOffsetsIntoTheOriginalText() {
        TaskPipeline p = pipeline("first", "");
        String text = "Ada Lovelace lives in  London.";
        Prepared prepared = p.preprocess(ModelInput.text(text));
        // [CLS] ada love ##lace lives in london . [SEP] — "." is [UNK] here.
        assertThat(prepared.feed("input_ids").longs()).containsExactly(2, 4, 5, 6, 7, 8, 9, 1, 3);
        List<Map<String, Object>> spans = spans(p, prepared, logits("O", "B-PER", "I-PER", "O", "O", "O", "B-LOC", "O", "O"));
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0)).containsEntry("entity", "PER").containsEntry("start", 0L).containsEntry("end", 12L)
                .containsEntry("text", "Ada Lovelace");
        assertThat(spans.get(1)).containsEntry("entity", "LOC").containsEntry("text", "London").containsEntry("start", 23L);
        assertThat((Double) spans.get(0).get("score")).isGreaterThan(0.99);
    }

    @Test
    void firstTakesTheFirstPieceAndAverageWeighsThemAll() {
        String text = "lovelace";   // love ##lace: one word, two pieces
        TaskPipeline first = pipeline("first", "");
        Prepared prepared = first.preprocess(ModelInput.text(text));
        Map<String, Tensor> out = logits("O", "B-LOC", "B-PER", "O");
        assertThat(spans(first, prepared, out)).singleElement().satisfies(s -> assertThat(s).containsEntry("entity", "LOC"));
        TaskPipeline none = pipeline("none", "");
        assertThat(spans(none, none.preprocess(ModelInput.text(text)), out)).extracting(s -> s.get("text"))
                .containsExactly("love", "lace");
    }

    @Test
    void aBeginStartsANewSpanAndAnInsideWithoutABeginStartsOneToo() {
        TaskPipeline p = pipeline("first", "");
        Prepared prepared = p.preprocess(ModelInput.text("ada ada london"));
        List<Map<String, Object>> spans = spans(p, prepared, logits("O", "B-PER", "B-PER", "I-LOC", "O"));
        assertThat(spans).extracting(s -> s.get("text")).containsExactly("ada", "ada", "london");
    }

    @Test
    void offsetsSkipThePrefixTheCallerNeverWrote() {
        TaskPipeline p = pipeline("first", "query: ");
        Prepared prepared = p.preprocess(ModelInput.text("london"));
        // [CLS] query : london [SEP]
        assertThat(prepared.feed("input_ids").longs()).containsExactly(2, 10, 11, 9, 3);
        List<Map<String, Object>> spans = spans(p, prepared, logits("O", "B-PER", "B-PER", "B-LOC", "O"));
        assertThat(spans).singleElement().satisfies(s -> assertThat(s).containsEntry("entity", "LOC").containsEntry("start", 0L)
                .containsEntry("end", 6L).containsEntry("text", "london"));
    }

    @Test
    void comparableIsEveryTokensProbabilitiesInLabelOrder() {
        TaskPipeline p = pipeline("first", "");
        Prepared prepared = p.preprocess(ModelInput.text("ada"));
        float[] c = p.comparable(prepared, logits("O", "B-PER", "O"));
        assertThat(c).hasSize(3 * LABELS.size());
        assertThat(c[LABELS.size() + 1]).isGreaterThan(0.99f);
        assertThat(p.task().outputKind()).isEqualTo(OutputKind.CLASS_SCORES);
    }
}
