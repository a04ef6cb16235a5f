package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.validate.Agreement;
import io.tandem.converter.validate.Comparison;
import io.tandem.converter.validate.FixedLengthInputs;
import io.tandem.converter.engine.OrtModel;
import io.tandem.converter.validate.SampleSet;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench-quant}: our int8 text model against another int8 file of the same fp32 model (the
 * yardstick: ONNX Runtime's own quantiser), side by side in one run, as a Markdown table.
 */
@Command(name = "bench-quant",
        mixinStandardHelpOptions = true,
        description = {
            "Compares int8 variants of a text-embedding bundle's fp32 model on the built-in corpus: file size, min and "
                    + "mean cosine of the embeddings to fp32, median latency (1 thread, batch 1) at sequence 32 and 128, on each "
                    + "engine: ONNX Runtime Web's wasm in Node.js (the browser's engine, first) and onnxruntime Java (the "
                    + "server's). Ours is the bundle's int8 variant for that engine's devices. Prints a Markdown table per engine, "
                    + "headed by the engine and this machine's CPU features."})
public final class BenchQuantCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "<dir>", description = "A text-embedding bundle (its fp32 variant is the reference).")
    Path bundle;

    @Option(names = "--ours", paramLabel = "<model.onnx>",
            description = "Our int8 model for ORT Web (default: the bundle's first int8 variant for wasm).")
    String ours;

    @Option(names = "--ours-server", paramLabel = "<model.onnx>",
            description = "Our int8 model for onnxruntime Java (default: the bundle's first int8 variant for the server, whose "
                    + "uint8 weights are exact on every CPU; else the wasm one).")
    String oursServer;

    @Option(names = "--engine", defaultValue = "both", paramLabel = "<both|web|java>", description = "Where to measure (default both).")
    String engine;

    @Option(names = "--reference", required = true, paramLabel = "<model.onnx>",
            description = "The int8 model to compare with: a file or some.jar!/entry.onnx.")
    String reference;

    @Option(names = "--runs", defaultValue = "40", converter = Checked.Positive.class, description = "Inputs timed per sequence length (default 40).")
    int runs;

    @Option(names = "--worst", defaultValue = "0", converter = Checked.NonNegative.class, description = "Also list the N sentences where ours is furthest from fp32 (stderr).")
    int worst;

    @Mixin
    QuietOption quiet;

    private record Row(String name, long bytes, Comparison.Figures figures, double[] ms32, double[] ms128, double[] msCorpus) {
    }

    @Override
    public Integer call() {
        Progress progress = quiet.progress(spec);
        Manifest manifest = readManifest(bundle);
        if (manifest.task().inputKind() != InputKind.TEXT || manifest.task().outputKind() != OutputKind.EMBEDDING) {
            throw new ConverterException("bench-quant compares text models that give embeddings; " + bundle + " is " + manifest.task().wireName());
        }
        List<Engine> engines = Engine.parseChoice(engine);
        if (engines == null) {
            throw new ConverterException("unknown --engine 'auto' for bench-quant; expected both, web or java");
        }
        TaskPipeline pipeline = SampleSet.pipeline(manifest, bundle);
        List<Prepared> samples = SampleSet.prepare(manifest, pipeline, null, progress);
        byte[] fp32 = BundleCheck.read(bundle, manifest.variant("fp32").file(), "variant fp32", progress);
        byte[] theirs = SourceFile.read(reference, "reference", progress).bytes();
        for (Engine e : engines) {
            String oursFile = e == Engine.WEB ? ours : oursServer;
            byte[] oursBytes = oursFile != null ? SourceFile.read(oursFile, "ours", progress).bytes()
                    : bundleInt8(manifest, e == Engine.WEB ? "wasm" : "server", progress);
            List<byte[]> models = new ArrayList<>(List.of(fp32, oursBytes, theirs));
            List<String> names = new ArrayList<>(List.of("fp32", "ours (tandem-converter)", "theirs (reference)"));
            if (e == Engine.JAVA && ours == null && oursServer == null) {
                // The browser's full-range file too: faster than uint8 where VNNI exists, wrong where it does not.
                byte[] browsers = bundleInt8(manifest, "wasm", progress);
                if (!java.util.Arrays.equals(browsers, oursBytes)) {
                    models.add(browsers);
                    names.add("ours, full-range int8 (the browser's; exact only with VNNI)");
                }
            }
            benchOn(e, models, names, pipeline, samples, progress);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private byte[] bundleInt8(Manifest manifest, String device, Progress progress) {
        var v = int8For(manifest, device);
        return BundleCheck.read(bundle, v.file(), "variant " + v.name(), progress);
    }

    /** The bundle's first int8 variant for the device; for the server, the wasm one when there is none. */
    private static io.tandem.pipeline.bundle.Variant int8For(Manifest manifest, String device) {
        for (var v : manifest.variants()) {
            if (v.precision().equals("int8") && v.supports(device)) {
                return v;
            }
        }
        if (device.equals("server")) {
            return int8For(manifest, "wasm");
        }
        throw new ConverterException("bundle " + manifest.id() + " has no int8 variant for " + device + "; pass --ours");
    }

    private void benchOn(Engine e, List<byte[]> models, List<String> names, TaskPipeline pipeline, List<Prepared> samples,
            Progress progress) {
        List<ModelRunner> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < models.size(); i++) {
                sessions.add(e.open(models.get(i), names.get(i)));
            }
            List<List<float[]>> results = new ArrayList<>();
            List<double[]> latencies = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                double[] lat = new double[samples.size()];
                results.add(Comparison.results(pipeline, sessions.get(i), samples, lat, progress,
                        "embedding " + samples.size() + " sentences with " + names.get(i) + " in " + e.engineName()));
                latencies.add(lat);
            }
            List<Map<String, Tensor>> long32 = FixedLengthInputs.of(samples, 32, runs);
            double[][] ms32 = timeInterleaved(sessions, cycled(long32, runs), progress, 32);
            List<Map<String, Tensor>> long128 = FixedLengthInputs.of(samples, 128, runs);
            double[][] ms128 = timeInterleaved(sessions, cycled(long128, runs), progress, 128);
            timed = long32.size() + " and " + long128.size();
            // The corpus too with the models taking turns, so machine noise hits them alike.
            List<Map<String, Tensor>> corpus = samples.stream().map(Prepared::feeds).toList();
            double[][] msCorpus = timeInterleaved(sessions, corpus, progress, 0);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                rows.add(new Row(names.get(i), models.get(i).length,
                        Comparison.compare(new Comparison.Scoring(OutputKind.EMBEDDING, 1), results.get(0), results.get(i), latencies.get(i)), ms32[i], ms128[i],
                        msCorpus[i]));
            }
            spec.commandLine().getOut().print("On " + sessions.get(0).measuredOn().describe() + ":\n\n" + table(rows, samples.size()) + "\n");
            listWorst(results.get(0), results.get(1), results.get(2));
        } finally {
            sessions.forEach(ModelRunner::close);
        }
    }

    /** Fewer sentences than runs reach a length (18 reach 128 tokens): they take turns until there are {@code runs}. */
    private static List<Map<String, Tensor>> cycled(List<Map<String, Tensor>> inputs, int runs) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; !inputs.isEmpty() && out.size() < runs; i++) {
            out.add(inputs.get(i % inputs.size()));
        }
        return out.isEmpty() ? inputs : out;
    }

    /**
     * Median wall and thread-CPU ms per model ({@code [model] = {wall, cpu}}); models take turns on
     * each input so machine noise hits them alike.
     */
    private static double[][] timeInterleaved(List<ModelRunner> sessions, List<Map<String, Tensor>> inputs, Progress progress, int length) {
        if (inputs.isEmpty()) {
            throw new ConverterException("no sentence in the corpus reaches " + length + " tokens");
        }
        double[][] ms = new double[sessions.size()][inputs.size()];
        double[][] cpu = new double[sessions.size()][inputs.size()];
        for (ModelRunner m : sessions) {
            for (int w = 0; w < 3; w++) {
                m.run(inputs.get(w % inputs.size())); // warm-up: first runs allocate
            }
        }
        progress.startCounting(length > 0 ? "timing at sequence " + length : "timing the corpus", inputs.size(), "inputs");
        for (int k = 0; k < inputs.size(); k++) {
            for (int i = 0; i < sessions.size(); i++) {
                sessions.get(i).run(inputs.get(k));
                ms[i][k] = sessions.get(i).lastMillis();
                // Thread CPU time exists only in-process (onnxruntime Java); Node.js reports wall time.
                cpu[i][k] = sessions.get(i) instanceof OrtModel o ? o.lastCpuMillis() : Double.NaN;
            }
            progress.advance(1);
        }
        progress.finish();
        double[][] out = new double[sessions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {Agreement.median(ms[i]), Agreement.median(cpu[i])};
        }
        return out;
    }

    private String timed;

    private String table(List<Row> rows, int sentences) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | file bytes | min cosine | mean cosine | seq 32: wall / CPU ms | seq 128: wall / CPU ms | corpus: wall ms |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.2f / %s | %.2f / %s | %.2f |%n", r.name(), r.bytes(),
                    r.figures().minCosine(), r.figures().meanCosine(), r.ms32()[0], cpuMs(r.ms32()[1]), r.ms128()[0], cpuMs(r.ms128()[1]),
                    r.msCorpus()[0]));
        }
        sb.append(String.format(java.util.Locale.ROOT, "%n%d sentences for the cosines (1 to 128 tokens). Latency: medians, "
                + "1 thread, batch 1 (CPU ms: onnxruntime Java only); seq 32/128: %s sentences cut to that length (cycled to --runs), models taking turns; "
                + "corpus: all sentences at their own length, models taking turns.%n", sentences, timed));
        return sb.toString();
    }

    private static String cpuMs(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(java.util.Locale.ROOT, "%.2f", ms);
    }

    /** Where our variant is furthest from fp32, with theirs alongside: where to look when tuning. */
    private void listWorst(List<float[]> fp32, List<float[]> a, List<float[]> b) {
        List<String> corpus = io.tandem.converter.validate.TextCorpus.sentences();
        Integer[] order = new Integer[fp32.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> Agreement.cosine(fp32.get(i), a.get(i))));
        for (int k = 0; k < Math.min(worst, order.length); k++) {
            int i = order[k];
            String text = corpus.get(i);
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "ours %.4f theirs %.4f  %s%n", Agreement.cosine(fp32.get(i), a.get(i)),
                    Agreement.cosine(fp32.get(i), b.get(i)), text.length() > 80 ? text.substring(0, 80) + "…" : text);
        }
    }

    static Manifest readManifest(Path bundle) {
        return BundleCheck.readManifest(bundle);
    }
}
