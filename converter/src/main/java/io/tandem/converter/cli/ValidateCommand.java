package io.tandem.converter.cli;

import io.tandem.converter.Progress;
import io.tandem.converter.bundle.VariantUpdate;
import io.tandem.converter.io.Writable;
import io.tandem.converter.validate.Gate;
import io.tandem.converter.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code validate}: every derived variant against fp32, metrics into the manifest, gate. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs each variant of a bundle (all but fp32, or those named) and the fp32 variant on the same inputs, on the "
                    + "engine that will run the variant (1 thread): ONNX Runtime Web's WASM build in Node.js for browser devices "
                    + "(wasm, webgpu; the same files the server serves, the same bits on every CPU), onnxruntime Java for the server. "
                    + "It records in the manifest how close they are, with the engine, its version and the CPU: minCosine and "
                    + "meanCosine for text-embedding (built-in corpus of 600 sentences, tokenised by the bundle's own "
                    + "pipeline), top1Agreement and maxProbError for image-classification (--samples).",
            "A variant below the gate is refused: the manifest is left as it was and the exit code is 1.",
            "Variants that already have their figures are skipped unless --force or --latency."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "<dir>", description = "The bundle directory.")
    Path bundle;

    @Option(names = "--variants", split = ",", paramLabel = "<name>", description = "Only these variants (default: all but fp32).")
    List<String> variants;

    @Option(names = "--samples", paramLabel = "<file>",
            description = "Inputs to compare on, file or jar!/entry: for image input, libsvm lines 'label index:ink …' of 28×28 digits; "
                    + "for feature input, a JSON array of records. Without: built-in synthetic images or records (text: a built-in corpus). "
                    + "Only real samples make a drift reference.")
    String samples;

    @Option(names = "--min-cosine", defaultValue = "" + Gate.DEFAULT_MIN_COSINE, paramLabel = "<x>", converter = Checked.Fraction.class,
            description = "Gate for embeddings: the lowest cosine to fp32 allowed (default ${DEFAULT-VALUE}).")
    double minCosine;

    @Option(names = "--min-top1", defaultValue = "" + Gate.DEFAULT_MIN_TOP1, paramLabel = "<x>", converter = Checked.Fraction.class,
            description = "Gate for classifiers: the lowest top-1 agreement with fp32 allowed, per token for token classification (default ${DEFAULT-VALUE}).")
    double minTop1;

    @Option(names = "--max-rel-error", defaultValue = "" + Gate.DEFAULT_MAX_REL_ERROR, paramLabel = "<x>", converter = Checked.Fraction.class,
            description = "Gate for regression: the largest error allowed, relative to the range of fp32's answers (default ${DEFAULT-VALUE}).")
    double maxRelError;

    @Option(names = "--latency", description = "Also record median latency in ms (not reproducible: keep it out of committed manifests).")
    boolean latency;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "<auto|web|java|both>",
            description = "Where to measure: auto (default: each variant on its devices' engines), web (ONNX Runtime Web WASM "
                    + "in Node.js), java (onnxruntime Java on this machine's CPU) or both.")
    String engine;

    @Option(names = "--force", description = "Measure again even when the figures are there.")
    boolean force;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        var manifest = VariantUpdate.read(bundle);
        Writable.directory(bundle, "bundle");
        Validator.Result r = new Validator(progress).run(manifest, new Validator.Request(bundle,
                variants == null ? List.of() : variants, samples, new Gate(minCosine, minTop1, maxRelError), latency, force,
                io.tandem.converter.engine.Engine.parseChoice(engine)));
        if (r.changed()) {
            VariantUpdate.writeManifest(bundle, r.manifest());
        }
        for (Validator.Outcome o : r.outcomes()) {
            if (o.skipped()) {
                out.println(manifest.id() + " " + o.variant() + ": up to date " + r.manifest().variant(o.variant()).metrics());
                continue;
            }
            var f = o.figures();
            String figures = switch (f.kind()) {
                case EMBEDDING -> String.format(Locale.ROOT, "minCosine %.4f, meanCosine %.4f", f.minCosine(), f.meanCosine());
                case CLASS_SCORES -> String.format(Locale.ROOT, "top1Agreement %.4f, maxProbError %.4f", f.top1Agreement(), f.maxProbError());
                case VALUES -> String.format(Locale.ROOT, "maxRelError %.5f", f.maxRelError());
            };
            out.println(String.format(Locale.ROOT, "%s %s: %s over %d inputs, median %.2f ms, on %s", manifest.id(), o.variant(),
                    figures, f.samples(), f.medianLatencyMs(), o.measuredOn().describe()));
        }
        var reference = r.manifest().reference();
        if (reference != null && !reference.equals(manifest.reference())) {
            out.println(manifest.id() + " drift reference: " + reference.samples() + " inputs, "
                    + String.join(", ", reference.features().stream().map(f -> f.name() + " (" + (f.counts().length) + " bins)").toList()));
        }
        out.flush();
        return 0;
    }
}
