package io.tandem.converter.train;

import io.tandem.converter.ConverterException;
import io.tandem.converter.ConverterVersion;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleWriter;
import io.tandem.converter.bundle.ModelCheck;
import io.tandem.converter.bundle.Recipe;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.engine.OrtModel;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.drift.References;
import io.tandem.pipeline.tabular.TabularEncoder;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.task.builtin.ClassScores;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: data + train spec → a tabular-classification bundle. Splits the records with a
 * seed, fits the encoder on the training split, encodes every record with the pipeline's own
 * {@link TabularEncoder}, trains with Tribuo, exports ONNX, checks onnxruntime against Tribuo on the
 * test split, measures test accuracy through the bundle's own pipeline, and writes the bundle.
 */
public final class Trainer {
    public static final String MODEL_FILE = "model.onnx";
    /** Fewer usable records than this cannot give a training split and a test split worth the name. */
    public static final int MIN_RECORDS = 20;
    /** onnxruntime (float32) against Tribuo (float64) on the same vector. */
    static final double MAX_PROB_DIFF = 1e-4;
    private static final String ONNX_DOMAIN = "io.tandem";

    private final Progress progress;

    public Trainer(Progress progress) {
        this.progress = progress;
    }

    public record Request(Path spec, String data, Path out, boolean force) {
    }

    /**
     * @param testAccuracy fraction of the test split the bundle classifies right
     * @param maxProbDiff  largest |onnxruntime − Tribuo| probability on the test split
     */
    public record Result(Manifest manifest, Path out, boolean written, int trainRecords, int testRecords,
                         double testAccuracy, double maxProbDiff) {
    }

    public Result run(Request request) {
        TrainSpec spec = TrainSpec.read(request.spec());
        SourceFile dataFile = SourceFile.read(request.data(), "data", progress);
        Examples examples = Examples.from(Table.parse(dataFile.text(), dataFile.fileName()), spec);
        if (examples.size() < MIN_RECORDS) {
            throw new ConverterException("too few records: " + examples.size() + " with a '" + spec.target()
                    + "' value in " + dataFile.fileName() + "; need at least " + MIN_RECORDS);
        }
        requireTwoClasses(labels(examples, allRows(examples.size())), "'" + spec.target() + "' in " + dataFile.fileName());
        Split split = Split.of(examples.size(), spec.testFraction(), spec.splitSeed());
        requireTwoClasses(labels(examples, split.train()), "the training split (seed " + spec.splitSeed() + ")");
        progress.note(examples.size() + " records: " + split.train().size() + " to train on, " + split.test().size()
                + " to test on (seed " + spec.splitSeed() + ")");

        TabularEncoder fitted = examples.fit(spec, split.train(), "input");
        examples.dropUnknownCategories(fitted).forEach((feature, n) ->
                progress.note(feature + ": " + n + " value(s) outside its categories treated as missing"));
        List<float[]> vectors = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            vectors.add(fitted.encode(examples.record(i)));
        }

        progress.note("training: " + spec.trainer().describe());
        long start = System.nanoTime();
        TribuoTraining training = TribuoTraining.train(pick(vectors, split.train()), labels(examples, split.train()),
                fitted.columns(), spec.trainer(), spec.source());
        progress.note("trained in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        byte[] onnxBytes = training.onnx(ONNX_DOMAIN, 1);
        OnnxModel onnx = OnnxModelReader.read(onnxBytes, "Tribuo's exported model");
        if (onnx.inputs().size() != 1 || onnx.outputs().isEmpty()) {
            throw new ConverterException("Tribuo's exported model: expected 1 input and an output, found "
                    + onnx.inputs().size() + " and " + onnx.outputs().size());
        }
        TabularEncoder encoder = new TabularEncoder(onnx.inputs().get(0).name(), fitted.features());
        List<String> labels = training.labels();
        String modelSha = Sha256.of(onnxBytes);
        String dataSha = Sha256.of(dataFile.bytes());
        Manifest.Builder b = manifestBuilder(spec, encoder, labels, onnx);

        try (OrtModel ort = new OrtModel(onnxBytes, "Tribuo's exported model")) {
            // First the bundle without figures: its pipeline scores the test split as the server will.
            TaskPipeline pipeline = Tasks.open(b.variant(fp32(spec, onnxBytes.length, modelSha)).build(), path -> "");
            b.clearVariants();
            Scores scores = score(pipeline, ort, training, examples, vectors, split.test(), labels);
            if (scores.maxProbDiff > MAX_PROB_DIFF) {
                throw new ConverterException("onnxruntime and Tribuo disagree on the exported model: max probability difference "
                        + scores.maxProbDiff + ", expected at most " + MAX_PROB_DIFF);
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("source", spec.source());
            provenance.put("dataSha256", dataSha);
            provenance.put("licence", spec.licence());
            provenance.put("producer", onnx.producer());
            provenance.put("trainer", spec.trainer().describe());
            provenance.put("split", "seed " + spec.splitSeed() + ", test fraction " + spec.testFraction() + ": "
                    + split.train().size() + " train, " + split.test().size() + " test records");
            provenance.put("testAccuracy", round4(scores.accuracy));
            provenance.put("converter", ConverterVersion.describe());
            b.provenance(provenance).variant(fp32(spec, onnxBytes.length, modelSha));
            b.reference(driftReference(b.build(), pipeline, examples, split.train()));
            Manifest manifest = b.build();
            String json = manifest.toJson();
            Manifest.parse(json);
            BundleWriter writer = new BundleWriter(request.out()).file(MODEL_FILE, onnxBytes);
            boolean written = request.force() || !writer.isCurrent(json, Map.of(MODEL_FILE, modelSha));
            if (written) {
                writer.write(json);
            }
            return new Result(manifest, request.out(), written, split.train().size(), split.test().size(),
                    scores.accuracy, scores.maxProbDiff);
        }
    }

    private static Manifest.Builder manifestBuilder(TrainSpec spec, TabularEncoder encoder, List<String> labels, OnnxModel onnx) {
        String in = encoder.inputName();
        String out = onnx.outputs().get(0).name();
        Recipe expected = new Recipe(spec.where(), spec.id(), spec.version(), spec.title(), Tasks.task("tabular-classification"),
                spec.source(), spec.licence(), null,
                List.of(new Recipe.Declared(in, DType.FLOAT32, List.of("batch", (long) encoder.width()))),
                List.of(new Recipe.Declared(out, DType.FLOAT32, List.of("batch", (long) labels.size()))),
                encoder.toJson(), Map.of("type", ClassScores.PROBABILITIES.type()), labels, spec.devices());
        ModelCheck.Resolved io = ModelCheck.check(expected, onnx);
        Manifest.Builder b = Manifest.builder().id(spec.id()).version(spec.version()).title(spec.title())
                .task(Tasks.task("tabular-classification")).preprocessing(encoder.toJson())
                .postprocessing(expected.postprocessing()).labels(labels);
        io.inputs().forEach(b::input);
        io.outputs().forEach(b::output);
        return b;
    }

    private static Variant fp32(TrainSpec spec, long bytes, String sha) {
        return new Variant("fp32", "fp32", new BundleFile(MODEL_FILE, bytes, sha), spec.devices(), Map.of());
    }

    private record Scores(double accuracy, double maxProbDiff) {
    }

    /** Runs the test split through the bundle's pipeline and onnxruntime, and through Tribuo itself. */
    private Scores score(TaskPipeline pipeline, OrtModel ort, TribuoTraining training, Examples examples,
                         List<float[]> vectors, List<Integer> test, List<String> labels) {
        progress.startCounting("scoring the test split", test.size(), "records");
        int right = 0;
        double maxDiff = 0;
        for (int r : test) {
            Prepared prepared = pipeline.preprocess(io.tandem.pipeline.task.ModelInput.features(examples.record(r)));
            // The probabilities in label order, as the bundle's postprocessing computes them.
            float[] p = pipeline.comparable(prepared, ort.run(prepared.feeds()));
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            if (labels.get(best).equals(examples.label(r))) {
                right++;
            }
            double[] tribuo = training.predict(vectors.get(r));
            for (int i = 0; i < p.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(p[i] - tribuo[i]));
            }
            progress.advance(1);
        }
        progress.finish();
        return new Scores((double) right / test.size(), maxDiff);
    }

    /**
     * Drift reference: the input statistics over the training split, the population the model
     * learnt from (the server compares live requests against it; see the drift package).
     */
    private static ReferenceStats driftReference(Manifest manifest, TaskPipeline pipeline, Examples examples, List<Integer> train) {
        List<Prepared> prepared = new ArrayList<>(train.size());
        for (int r : train) {
            prepared.add(pipeline.preprocess(io.tandem.pipeline.task.ModelInput.features(examples.record(r))));
        }
        return References.build(pipeline.statistics(), prepared);
    }

    /** A classifier of one class predicts nothing: Tribuo would train it, and its export would always say that class. */
    private static void requireTwoClasses(List<String> labels, String where) {
        java.util.Set<String> classes = new java.util.TreeSet<>(labels);
        if (classes.size() < 2) {
            throw new ConverterException("train needs at least two classes, found one: " + classes.iterator().next() + " (" + where + ")");
        }
    }

    private static List<Integer> allRows(int n) {
        List<Integer> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        return rows;
    }

    private static List<float[]> pick(List<float[]> all, List<Integer> rows) {
        List<float[]> out = new ArrayList<>(rows.size());
        for (int r : rows) {
            out.add(all.get(r));
        }
        return out;
    }

    private static List<String> labels(Examples examples, List<Integer> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (int r : rows) {
            out.add(examples.label(r));
        }
        return out;
    }

    /** Rounded down to 4 decimals: the committed figure never overstates. */
    static double round4(double v) {
        return Math.floor(v * 10_000) / 10_000;
    }
}
