package io.tandem.e2e;

import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.ComposedPipeline;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.task.builtin.WordPieceInput;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.WordPieceVocab;
import io.tandem.server.inference.ServerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two retrieval embedders, bge-small-en-v15 (the [CLS] token's vector) and e5-small-v2 (the
 * masked mean, every text prefixed with "query: "), on every path: the browser (TeaVM pipeline +
 * ORT Web wasm, fp32), onnxruntime Java on the same file inside the JVM pipeline (the server's
 * model code, called here directly) and the server's {@code /predict}. Tensors bit for bit;
 * embeddings to cosine ≥ 0.99999 browser vs JVM and vs server. And what each recipe says is really
 * done: BGE's vector is the [CLS] row of the model's output, not the mean (which would be taken if
 * pooling were ignored); E5's ids are {@code [CLS] query :} followed by the text's own.
 */
class RetrievalEmbeddingsTest extends ServerAndBrowserTest {
    /** Browser (ORT Web wasm) against onnxruntime Java's native kernels on the same fp32 file. */
    private static final double MIN_COSINE = 0.99999;
    /** A text over the models' 512 positions: the pipeline cuts it. */
    private static final String OVER_512_TOKENS = "retrieval augmented generation needs good embeddings. ".repeat(90);

    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/"));
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(Fixtures.sentences());
        texts.add(OVER_512_TOKENS);
        return texts;
    }

    @Test
    void bgeAgreesEverywhereAndPoolsTheClsToken() throws Exception {
        List<String> texts = texts();
        Checked c = check("bge-small-en-v15", texts);
        Report.line(String.format("bge-small-en-v15 pooling cls: browser vs the [CLS] row min cosine 1 - %.1e; vs the masked mean max %.4f "
                + "over the texts with tokens of their own (mean pooling would give 1)", 1 - c.minCosineToCls, c.maxCosineToMean));
        // Pooling: the browser's vector is the CLS row of the JVM's hidden states, normalised, and not their masked mean.
        // Were "pooling": "cls" ignored (mean is the default), the second bound would fail on every text with tokens of its own.
        assertThat(c.minCosineToCls).as("browser vs the JVM's [CLS] row").isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(c.maxCosineToMean).as("browser vs the JVM's masked mean (the pooling BGE does not use)").isLessThan(0.99);
        assertThat(c.tokens.get(texts.indexOf(OVER_512_TOKENS))).as("a text past 512 tokens is cut to 512").isEqualTo(512);
    }

    @Test
    void e5AgreesEverywhereAndPrefixesEveryTextWithQuery() throws Exception {
        List<String> texts = texts();
        Checked c = check("e5-small-v2", texts);
        assertThat(c.minCosineToMean).as("browser vs the JVM's masked mean").isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(c.maxCosineToCls).as("browser vs the JVM's [CLS] row (the pooling E5 does not use)").isLessThan(0.99);

        // The prefix: ids in the browser are [CLS] query : <the text's own ids, unprefixed> [SEP]. The ids of "query"
        // and ":" are read from vocab.txt's lines, not from the tokenizer under test.
        WordPieceVocab vocab = WordPieceVocab.fromLines(Files.readString(E2eServer.modelsDir().resolve("e5-small-v2/vocab.txt")));
        long cls = vocab.id("[CLS]"), query = vocab.id("query"), colon = vocab.id(":"), sep = vocab.id("[SEP]");
        WordPieceInput tokenizer = (WordPieceInput) ((ComposedPipeline) JvmPipelines.forModel("e5-small-v2")).preprocessor();
        for (int i = 0; i < texts.size(); i++) {
            long[] ids = c.browser.get(i).longs("input_ids");
            int[] plain = tokenizer.tokenizer().encode(texts.get(i)).ids();
            String what = "e5 ids of \"" + BrowserServerParityTest.abbreviate(texts.get(i)) + "\"";
            assertThat(Arrays.copyOf(ids, 3)).as(what + " start").containsExactly(cls, query, colon);
            assertThat(ids[ids.length - 1]).as(what + " end").isEqualTo(sep);
            if (plain.length + 2 <= 512) {
                assertThat(ids).as(what + ": two more than unprefixed").hasSize(plain.length + 2);
            } else {
                assertThat(ids).as(what + ": cut to 512").hasSize(512);
            }
            for (int k = 3; k < ids.length - 1; k++) {
                assertThat(ids[k]).as(what + " [" + k + "] = unprefixed [" + (k - 2) + "]").isEqualTo(plain[k - 2]);
            }
        }
        Report.line(String.format("e5-small-v2 prefix: every one of %d texts in the browser starts [CLS] query : (ids %d %d %d) "
                + "and continues with its unprefixed ids; browser vs the masked mean min cosine 1 - %.1e, vs [CLS] max %.4f",
                texts.size(), cls, query, colon, 1 - c.minCosineToMean, c.maxCosineToCls));
    }

    /**
     * The figures of one bundle's comparison: the browser's vectors against the two poolings of the JVM's hidden
     * states, the lowest cosine over all texts and the highest over those with tokens of their own.
     */
    private record Checked(List<BundleParity.BrowserResult> browser, List<Integer> tokens, double minCosineToCls,
            double maxCosineToCls, double minCosineToMean, double maxCosineToMean) {
    }

    /**
     * Browser, JVM and server on every text: same tensors, embeddings within {@link #MIN_COSINE}; returns how the
     * browser's vectors compare with the two poolings of the JVM's raw hidden states.
     */
    private static Checked check(String id, List<String> texts) throws Exception {
        long t0 = System.nanoTime();
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, id, texts);
        double browserSeconds = (System.nanoTime() - t0) / 1e9;
        TaskPipeline pipeline = JvmPipelines.forModel(id);
        double minJvm = 1, minServer = 1, minServerJvm = 1, maxAbs = 0;
        double minCls = 1, maxCls = -1, minMean = 1, maxMean = -1;
        long values = 0;
        String worst = null;
        List<Integer> tokens = new ArrayList<>();
        try (ServerModel jvm = JvmPipelines.model(id, "fp32")) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String what = id + " \"" + BrowserServerParityTest.abbreviate(text) + "\"";
                Prepared prepared = pipeline.preprocess(ModelInput.text(text));
                values += BundleParity.assertSameBits(what, prepared.feeds(), browser.get(i).tensors());
                tokens.add(prepared.feed("input_ids").size());

                Map<String, Tensor> outputs = jvm.run(prepared);
                float[] onJvm = BundleParity.floatsOf(jvm.pipeline().postprocess(prepared, outputs));
                float[] inBrowser = browser.get(i).embedding();
                float[] onServer = BundleParity.floats(BundleParity.serverPredict(server, id, text));
                assertThat(inBrowser).as(what).hasSize(384);
                double cos = Vectors.cosine(inBrowser, onJvm);
                if (cos < minJvm) {
                    minJvm = cos;
                    worst = text;
                }
                minServer = Math.min(minServer, Vectors.cosine(inBrowser, onServer));
                minServerJvm = Math.min(minServerJvm, Vectors.cosine(onServer, onJvm));
                maxAbs = Math.max(maxAbs, BundleParity.maxAbsDiff(inBrowser, onJvm));

                Tensor hidden = outputs.get("last_hidden_state");
                int sequence = hidden.dim(1), dim = hidden.dim(2);
                double[] first = new double[dim];
                for (int k = 0; k < dim; k++) {
                    first[k] = hidden.floats()[k];
                }
                float[] clsRow = Vectors.l2Normalise(first);
                float[] mean = Vectors.l2Normalise(Vectors.maskedMeanPool(hidden.floats(), sequence, dim,
                        prepared.feed("attention_mask").longs()));
                double toCls = Vectors.cosine(inBrowser, clsRow), toMean = Vectors.cosine(inBrowser, mean);
                minCls = Math.min(minCls, toCls);
                minMean = Math.min(minMean, toMean);
                // With nothing between [CLS] and [SEP] (empty or blank text) the two rows point the same way (cosine 1.0000
                // measured for BGE), so only texts with tokens of their own tell the poolings apart.
                if (sequence > 2) {
                    maxCls = Math.max(maxCls, toCls);
                    maxMean = Math.max(maxMean, toMean);
                }
            }
        }
        Report.line(String.format("%s fp32: %d texts (%d to %d tokens), browser (wasm) %.1f s; tensors %d int64 values, 0 differences; "
                        + "embedding cosine browser vs onnxruntime Java min 1 - %.1e (worst \"%s\"), max |difference| %.2e; "
                        + "browser vs server min 1 - %.1e; server vs onnxruntime Java min 1 - %.1e",
                id, texts.size(), tokens.stream().mapToInt(Integer::intValue).min().orElse(0),
                tokens.stream().mapToInt(Integer::intValue).max().orElse(0), browserSeconds, values, 1 - minJvm,
                BrowserServerParityTest.abbreviate(worst), maxAbs, 1 - minServer, 1 - minServerJvm));
        assertThat(minJvm).as(id + ": browser vs onnxruntime Java, lowest cosine, for \"%s\"", worst).isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(minServer).as(id + ": browser vs server, lowest cosine").isGreaterThanOrEqualTo(MIN_COSINE);
        assertThat(minServerJvm).as(id + ": server vs onnxruntime Java on the same file").isGreaterThanOrEqualTo(0.999999);

        // The vectors mean something: two sentences about the weather are closer to each other than to the stock market.
        float[] rain = browser.get(texts.indexOf("It is raining cats and dogs outside.")).embedding();
        float[] lovely = browser.get(texts.indexOf("The weather is lovely today.")).embedding();
        float[] stocks = browser.get(texts.indexOf("Stock markets fell sharply on Tuesday after the announcement.")).embedding();
        assertThat(Vectors.cosine(lovely, rain)).as(id + ": weather vs weather, against weather vs stocks")
                .isGreaterThan(Vectors.cosine(lovely, stocks));
        return new Checked(browser, tokens, minCls, maxCls, minMean, maxMean);
    }
}
