package io.tandem.e2e;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.WordPieceVocab;
import io.tandem.server.inference.ServerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tinybert: Tribuo's one-layer BERT test encoder (hidden size 50), whose tokenizer.json sets no
 * truncation, so import takes maxLength 100 from the model's position table. The browser (TeaVM
 * pipeline + ORT Web wasm), onnxruntime Java inside the JVM pipeline and the server's
 * {@code /predict} make the same ids and masks bit for bit and embeddings to cosine ≥
 * {@link #MIN_COSINE}, on the e2e sentence corpus and on texts far past 100 tokens, which every path
 * cuts to 100 and predicts without onnxruntime's broadcast error (which 101 tokens do raise). The
 * vector is the masked mean of {@code output_0}, as the recipe says, not the pooler's
 * {@code output_1}.
 */
class TinyBertTest extends ServerAndBrowserTest {
    private static final String ID = "tinybert";
    /** Browser (ORT Web wasm) against onnxruntime Java's native kernels on the same fp32 file. */
    private static final double MIN_COSINE = 0.99999;
    private static final int MAX_LENGTH = 100;
    /** Texts past the model's 100 positions: English words, single characters, CJK (a word per ideograph). */
    private static final List<String> OVER_100 = List.of(
            "retrieval augmented generation needs good embeddings. ".repeat(20),
            "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(5),
            "東京は日本の首都です。".repeat(12));

    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/"));
    }

    @Test
    void theManifestTakesMaxLength100FromThePositionTable() throws Exception {
        Path dir = E2eServer.modelsDir().resolve(ID);
        Manifest manifest = Manifest.parse(Files.readString(dir.resolve("manifest.json")));
        assertThat(manifest.preprocessing().integer("maxLength", -1)).isEqualTo(MAX_LENGTH);
        assertThat(BundleParity.JSON.readTree(dir.resolve("recipe.json").toFile()).get("preprocessing").has("maxLength"))
                .as("the recipe says no maxLength: import reads it from the model").isFalse();
        assertThat(manifest.outputs()).extracting(o -> o.name()).containsExactly("output_0", "output_1");
        assertThat(manifest.postprocessing().string("output", null)).isEqualTo("output_0");
    }

    @Test
    void browserServerAndJvmAgreeAndLongTextsAreCutAt100() throws Exception {
        List<String> texts = new ArrayList<>(Fixtures.sentences());
        texts.addAll(OVER_100);
        long t0 = System.nanoTime();
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, ID, texts);
        double browserSeconds = (System.nanoTime() - t0) / 1e9;
        WordPieceVocab vocab = WordPieceVocab.fromLines(Files.readString(E2eServer.modelsDir().resolve(ID + "/vocab.txt")));
        long cls = vocab.id("[CLS]"), sep = vocab.id("[SEP]");
        TaskPipeline pipeline = JvmPipelines.forModel(ID);
        double minJvm = 1, minServer = 1, minServerJvm = 1, maxAbs = 0, minMean = 1, maxPooler = -1;
        long values = 0;
        int longest = 0, cut = 0;
        String worst = null;
        try (ServerModel jvm = JvmPipelines.model(ID, "fp32")) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String what = ID + " \"" + BrowserServerParityTest.abbreviate(text) + "\"";
                Prepared prepared = pipeline.preprocess(ModelInput.text(text));
                values += BundleParity.assertSameBits(what, prepared.feeds(), browser.get(i).tensors());
                long[] ids = browser.get(i).longs("input_ids");
                assertThat(ids.length).as(what + " tokens").isLessThanOrEqualTo(MAX_LENGTH);
                assertThat(ids[0]).as(what + " starts [CLS]").isEqualTo(cls);
                assertThat(ids[ids.length - 1]).as(what + " ends [SEP]").isEqualTo(sep);
                longest = Math.max(longest, ids.length);
                if (OVER_100.contains(text)) {
                    assertThat(ids).as(what + ": cut to 100").hasSize(MAX_LENGTH);
                    cut++;
                }

                Map<String, Tensor> outputs = jvm.run(prepared);
                float[] onJvm = BundleParity.floatsOf(jvm.pipeline().postprocess(prepared, outputs));
                float[] inBrowser = browser.get(i).embedding();
                float[] onServer = BundleParity.floats(BundleParity.serverPredict(server, ID, text));
                assertThat(inBrowser).as(what).hasSize(50);
                double cos = Vectors.cosine(inBrowser, onJvm);
                if (cos < minJvm) {
                    minJvm = cos;
                    worst = text;
                }
                minServer = Math.min(minServer, Vectors.cosine(inBrowser, onServer));
                minServerJvm = Math.min(minServerJvm, Vectors.cosine(onServer, onJvm));
                maxAbs = Math.max(maxAbs, BundleParity.maxAbsDiff(inBrowser, onJvm));

                // The recipe's pooling: the masked mean of output_0, not the pooler's output_1.
                Tensor hidden = outputs.get("output_0");
                float[] mean = Vectors.l2Normalise(Vectors.maskedMeanPool(hidden.floats(), hidden.dim(1), hidden.dim(2),
                        prepared.feed("attention_mask").longs()));
                float[] pooler = outputs.get("output_1").floats();
                minMean = Math.min(minMean, Vectors.cosine(inBrowser, mean));
                maxPooler = Math.max(maxPooler, Vectors.cosine(inBrowser, pooler));
            }
        }
        Report.line(String.format("%s fp32: %d texts (up to %d tokens; %d past 100 cut to 100 on every path), browser (wasm) %.1f s; "
                        + "tensors %d int64 values, 0 differences; cosine browser vs onnxruntime Java min 1 - %.1e (worst \"%s\"), "
                        + "max |difference| %.2e; browser vs server min 1 - %.1e; server vs onnxruntime Java min 1 - %.1e; "
                        + "browser vs mean of output_0 min 1 - %.1e, vs output_1 (pooler) max %.4f",
                ID, texts.size(), longest, cut, browserSeconds, values, 1 - minJvm, BrowserServerParityTest.abbreviate(worst), maxAbs,
                1 - minServer, 1 - minServerJvm, 1 - minMean, maxPooler));
        assertThat(cut).isEqualTo(OVER_100.size());
        assertThat(minJvm).as(ID + ": browser vs onnxruntime Java, lowest cosine, for \"%s\"", worst).isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(minServer).as(ID + ": browser vs server, lowest cosine").isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(minServerJvm).as(ID + ": server vs onnxruntime Java on the same file").isGreaterThanOrEqualTo(0.999999);
        assertThat(minMean).as("browser vs the JVM's masked mean of output_0").isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(maxPooler).as("browser vs output_1 (the output the recipe does not pool)").isLessThan(0.99);
    }

    /**
     * The server batches concurrent requests and pads the shorter rows with id 0, which in tinybert's vocabulary is
     * [UNK], not [PAD] (2): under the attention mask the padded rows still give their single-row vectors.
     */
    @Test
    void concurrentRequestsBatchedAndPaddedOnTheServerGiveTheSingleRowVectors() throws Exception {
        // Texts the server has not seen (its prediction cache would answer those without a run), in three versions each.
        List<String> texts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String text : Fixtures.sentences()) {
                texts.add(text + " (batch " + round + ")");
            }
            for (String text : OVER_100) {
                texts.add("batch " + round + " " + text);
            }
        }
        Map<String, float[]> single = new java.util.HashMap<>();
        try (ServerModel jvm = JvmPipelines.model(ID, "fp32")) {
            for (String text : texts) {
                single.put(text, BundleParity.floatsOf(jvm.predict(ModelInput.text(text))));
            }
        }
        double[] before = batchSizes();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        double min = 1;
        try {
            List<java.util.concurrent.Future<float[]>> answers = new ArrayList<>();
            for (String text : texts) {
                answers.add(pool.submit(() -> BundleParity.floats(BundleParity.serverPredict(server, ID, text))));
            }
            for (int i = 0; i < answers.size(); i++) {
                min = Math.min(min, Vectors.cosine(answers.get(i).get(), single.get(texts.get(i))));
            }
        } finally {
            pool.shutdownNow();
        }
        double[] after = batchSizes();
        double runs = after[0] - before[0], requests = after[1] - before[1];
        Report.line(String.format("%s: %d concurrent /predict requests (16 at a time) in %.0f onnxruntime runs (max batch %.0f, padded with "
                + "id 0 = [UNK]): every vector within cosine 1 - %.1e of its single-row onnxruntime Java vector", ID, (int) requests, runs,
                after[2], 1 - min));
        assertThat(requests).as("requests that reached onnxruntime").isEqualTo(texts.size());
        assertThat(min).as("batched server vs single-row onnxruntime Java").isGreaterThanOrEqualTo(0.999999);
    }

    /** tandem_batch_size count, sum and max for this model, from the server's /metrics. */
    private static double[] batchSizes() throws Exception {
        String metrics;
        try (java.io.InputStream in = new java.net.URL(server.url("/metrics")).openStream()) {
            metrics = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        double[] out = new double[3];
        String[] names = {"tandem_batch_size_count", "tandem_batch_size_sum", "tandem_batch_size_max"};
        for (String line : metrics.split("\n")) {
            for (int k = 0; k < names.length; k++) {
                if (line.startsWith(names[k] + "{model=\"" + ID + "\"")) {
                    out[k] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return out;
    }

    /** Why the cut matters: 101 positions do not fit the model's table of 100, and onnxruntime refuses the run. */
    @Test
    void onnxruntimeRefuses101TokensSoTheCutIsNeeded() throws Exception {
        Prepared cutAt100 = JvmPipelines.forModel(ID).preprocess(ModelInput.text(OVER_100.get(0)));
        long[] ids = cutAt100.feed("input_ids").longs();
        assertThat(ids).hasSize(MAX_LENGTH);
        long[] longer = Arrays.copyOf(ids, MAX_LENGTH + 1);
        longer[MAX_LENGTH] = longer[MAX_LENGTH - 1];
        longer[MAX_LENGTH - 1] = ids[MAX_LENGTH - 2];
        long[] ones = new long[MAX_LENGTH + 1];
        Arrays.fill(ones, 1);
        int[] shape = {1, MAX_LENGTH + 1};
        Prepared uncut = new Prepared(Map.of("input_ids", Tensor.ofLongs(shape, longer), "attention_mask", Tensor.ofLongs(shape, ones),
                "token_type_ids", Tensor.ofLongs(shape, new long[MAX_LENGTH + 1])));
        try (ServerModel jvm = JvmPipelines.model(ID, "fp32")) {
            assertThat(jvm.run(cutAt100).get("output_0").shape()).containsExactly(1, MAX_LENGTH, 50);
            assertThatThrownBy(() -> jvm.run(uncut)).as("onnxruntime on 101 tokens").hasMessageContaining("broadcast");
        }
        Report.line(ID + ": onnxruntime Java runs 100 tokens and refuses 101 (\"broadcast\"): the pipeline's cut at 100 is what keeps long texts working");
    }
}
