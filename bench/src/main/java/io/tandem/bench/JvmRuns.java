package io.tandem.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.ComposedPipeline;
import io.tandem.pipeline.task.builtin.WordPieceInput;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.BertTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The JVM side: onnxruntime Java called directly (no HTTP), and the pipeline's tokenizer. */
public final class JvmRuns {
    private JvmRuns() {
    }

    /** The bundle's pipeline, built from the files on disk as the server builds it. */
    public static TaskPipeline pipeline(Path bundle) {
        try {
            Manifest manifest = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
            return Tasks.open(manifest, path -> {
                try {
                    return Files.readString(bundle.resolve(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelInput input(Object in) {
        if (in instanceof String s) {
            return ModelInput.text(s);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) in;
        return ModelInput.image(new RgbaImage((Integer) image.get("width"), (Integer) image.get("height"), Corpus.rgba(image)));
    }

    /**
     * End-to-end in the JVM: pipeline preprocess, onnxruntime Java run (1 intra-op thread, like the
     * browser's single WASM thread), postprocess. Returns ms per prediction after warm-up.
     */
    public static List<Double> latency(Path bundle, Path model, List<?> inputs, int warmup, int runs) throws OrtException {
        TaskPipeline pipeline = pipeline(bundle);
        List<ModelInput> modelInputs = inputs.stream().map(JvmRuns::input).toList();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Double> out = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options)) {
                for (int r = 0; r < warmup + runs; r++) {
                    long t0 = System.nanoTime();
                    predict(env, session, pipeline, modelInputs.get(r % modelInputs.size()));
                    long t1 = System.nanoTime();
                    if (r >= warmup) {
                        out.add((t1 - t0) / 1e6);
                    }
                }
            }
        }
        return out;
    }

    static Object predict(OrtEnvironment env, OrtSession session, TaskPipeline pipeline, ModelInput input) throws OrtException {
        Prepared prepared = pipeline.preprocess(input);
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : prepared.feeds().entrySet()) {
                feeds.put(e.getKey(), toOrt(env, e.getValue()));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, Tensor> outputs = new HashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    outputs.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
                }
                return pipeline.postprocess(prepared, outputs);
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        return switch (t.dtype()) {
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), shape);
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), shape);
            default -> throw new IllegalArgumentException("the benchmark feeds int64 and float32 only, not " + t.dtype());
        };
    }

    private static Tensor fromOrt(OnnxTensor value) {
        long[] s = value.getInfo().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        FloatBuffer buf = value.getFloatBuffer();
        float[] data = new float[buf.remaining()];
        buf.get(data);
        return Tensor.ofFloats(shape, data);
    }

    /** Tokenizer throughput: encode only, and full preprocessing (ids, mask, type ids as tensors). */
    public record Tokenize(double encodeMs, double preprocessMs, List<int[]> ids) {
    }

    public static Tokenize tokenize(Path bundle, List<String> texts) {
        ComposedPipeline pipeline = (ComposedPipeline) pipeline(bundle);
        BertTokenizer tokenizer = ((WordPieceInput) pipeline.preprocessor()).tokenizer();
        for (int i = 0; i < Math.min(2000, texts.size() * 5); i++) {
            tokenizer.encode(texts.get(i % texts.size()));   // JIT warm-up
            pipeline.preprocess(ModelInput.text(texts.get(i % texts.size())));
        }
        List<int[]> ids = new ArrayList<>(texts.size());
        long t0 = System.nanoTime();
        for (String text : texts) {
            ids.add(tokenizer.encode(text).ids());
        }
        long t1 = System.nanoTime();
        for (String text : texts) {
            pipeline.preprocess(ModelInput.text(text));
        }
        long t2 = System.nanoTime();
        return new Tokenize((t1 - t0) / 1e6, (t2 - t1) / 1e6, ids);
    }
}
