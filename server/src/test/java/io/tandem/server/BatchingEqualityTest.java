package io.tandem.server;

import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.server.inference.Batcher;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A batched prediction equals the unbatched one on the real models: texts of very different
 * lengths padded into one run embed as they do alone, and digits keep their labels.
 */
class BatchingEqualityTest {
    private static final List<String> TEXTS = List.of(
            "", "Hi", "A cat sits on the mat.", "Stock markets fell sharply on Tuesday after the announcement.",
            "Ünïcödé àccents and 日本語 text", "?!?!", "word ".repeat(400),
            "The quick brown fox jumps over the lazy dog, again and again, until the dog finally wakes up.",
            "x", "Tandem runs the same Java pipeline in the browser and on the server.", "zzqxv qqxzv", "one two three");

    private static ModelRegistry registry;
    private static final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private static Predictor batched;

    @BeforeAll
    static void load() {
        registry = ModelRegistry.load(TestModels.dir(), 0);
        ServerConfig.Inference config = new ServerConfig.Inference(true, 16, Duration.ofMillis(300), 256, 1, Duration.ofSeconds(60));
        batched = new Predictor(registry, config, model -> (size, nanos) -> batchSizes.add(size));
    }

    @AfterAll
    static void close() {
        batched.close();
        registry.close();
    }

    @Test
    void paddedTextBatchesEmbedLikeSingleTexts() throws Exception {
        ServerModel minilm = registry.find("minilm-l6-v2").orElseThrow();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        ServerConfig.Inference config = new ServerConfig.Inference(true, 16, Duration.ofMillis(300), 256, 1, Duration.ofSeconds(60));
        List<Object> together;
        // Never split by length: the empty text and a 128-token text share one padded run.
        try (Batcher padded = new Batcher("minilm", minilm::run, config, (size, nanos) -> sizes.add(size), 1.0)) {
            together = concurrently(TEXTS, t -> {
                Prepared prepared = minilm.pipeline().preprocess(ModelInput.text(t));
                Batcher.Row row = padded.run(prepared);
                return minilm.pipeline().postprocess(row.prepared(), row.outputs());
            });
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).as("batch sizes %s", sizes).isGreaterThan(4);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = floats(minilm.predict(ModelInput.text(TEXTS.get(i))));
            float[] inBatch = floats(together.get(i));
            assertThat(Vectors.cosine(alone, inBatch)).as("cosine of text %d", i).isCloseTo(1.0, within(1e-5));
            for (int d = 0; d < alone.length; d++) {
                assertThat(inBatch[d]).as("text %d dim %d", i, d).isCloseTo(alone[d], within(1e-5f));
            }
        }
    }

    @Test
    void theServersBatcherSplitsByLengthAndStillMatches() throws Exception {
        ServerModel minilm = registry.find("minilm-l6-v2").orElseThrow();
        batchSizes.clear();
        List<Object> together = concurrently(TEXTS, t -> batched.predict(minilm, ModelInput.text(t)));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(TEXTS.size());
        assertThat(batchSizes.size()).as("runs %s", batchSizes).isLessThan(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = floats(minilm.predict(ModelInput.text(TEXTS.get(i))));
            assertThat(Vectors.cosine(alone, floats(together.get(i)))).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void batchedDigitsKeepTheirLabelsAndScores() throws Exception {
        ServerModel mnist = registry.find("mnist-cnn").orElseThrow();
        List<MnistHead> digits = MnistHead.load().subList(0, 32);
        batchSizes.clear();
        List<Object> together = concurrently(digits, d -> batched.predict(mnist, ModelInput.image(d.image())));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(4);
        for (int i = 0; i < digits.size(); i++) {
            List<?> alone = (List<?>) mnist.predict(ModelInput.image(digits.get(i).image()));
            List<?> inBatch = (List<?>) together.get(i);
            assertThat(inBatch).hasSameSizeAs(alone);
            for (int k = 0; k < alone.size(); k++) {
                Map<?, ?> a = (Map<?, ?>) alone.get(k);
                Map<?, ?> b = (Map<?, ?>) inBatch.get(k);
                assertThat(b.get("label")).isEqualTo(a.get("label"));
                assertThat(((Number) b.get("score")).doubleValue()).isCloseTo(((Number) a.get("score")).doubleValue(), within(1e-5));
            }
        }
    }

    private interface Call<T> {
        Object apply(T t) throws Exception;
    }

    private static <T> List<Object> concurrently(List<T> inputs, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(pool.submit(() -> call.apply(input)));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] floats(Object output) {
        List<?> values = (List<?>) output;
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) values.get(i)).floatValue();
        }
        return v;
    }
}
