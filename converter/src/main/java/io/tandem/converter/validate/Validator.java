package io.tandem.converter.validate;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.io.SourceFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.drift.DriftStatistics;
import io.tandem.pipeline.drift.References;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures every derived variant of a bundle against its fp32 variant on the task's sample inputs,
 * and gates it. Returns the manifest with the metrics filled in; refuses (throws) if any variant
 * falls below the gate, leaving the caller to write nothing.
 */
public final class Validator {
    /** What to do: which variants (empty: all but fp32), where image samples are, the gate. */
    public record Request(Path bundle, List<String> variants, String samples, Gate gate, boolean latency, boolean force) {
    }

    /** One measured (or skipped) variant, for the report. */
    public record Outcome(String variant, Comparison.Figures figures, boolean skipped) {
    }

    public record Result(Manifest manifest, List<Outcome> outcomes, boolean changed) {
    }

    private final Progress progress;

    public Validator(Progress progress) {
        this.progress = progress;
    }

    public Result run(Manifest manifest, Request r) {
        List<Variant> targets = new ArrayList<>();
        for (Variant v : manifest.variants()) {
            if (!v.name().equals("fp32") && (r.variants().isEmpty() || r.variants().contains(v.name()))) {
                targets.add(v);
            }
        }
        for (String name : r.variants()) {
            if (targets.stream().noneMatch(v -> v.name().equals(name))) {
                throw new ConverterException("bundle " + manifest.id() + " has no variant '" + name + "' besides fp32");
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Manifest.Builder b = manifest.toBuilder().clearVariants();
        boolean changed = false;
        Reference reference = null;
        for (Variant v : manifest.variants()) {
            if (!targets.contains(v) || (!r.force() && !r.latency() && VariantMetrics.complete(manifest.task(), v.metrics()))) {
                if (targets.contains(v)) {
                    outcomes.add(new Outcome(v.name(), null, true));
                }
                b.variant(v);
                continue;
            }
            if (reference == null) {
                reference = new Reference(manifest, r);
            }
            Comparison.Figures f = measure(manifest, r.bundle(), v, reference);
            outcomes.add(new Outcome(v.name(), f, false));
            String refusal = r.gate().refusal(v.name(), f);
            if (refusal != null) {
                refusals.add(refusal);
            }
            Map<String, Object> metrics = VariantMetrics.of(f, r.latency() ? f.medianLatencyMs() : null,
                    r.latency() ? Agreement.median(reference.latencies) : null);
            changed |= !metrics.equals(v.metrics());
            b.variant(new Variant(v.name(), v.precision(), v.file(), v.devices(), metrics));
        }
        if (reference != null) {
            reference.model.close();
        }
        if (!refusals.isEmpty()) {
            throw new ConverterException(String.join("; ", refusals));
        }
        // Image samples are the caller's file: without one there is nothing to build a reference from.
        boolean haveSamples = reference != null || manifest.task() != Task.IMAGE_CLASSIFICATION || r.samples() != null;
        if ((manifest.reference() == null || r.force()) && haveSamples) {
            ReferenceStats stats = referenceStats(manifest, r, reference);
            changed |= !stats.equals(manifest.reference());
            b.reference(stats);
        }
        return new Result(b.build(), outcomes, changed);
    }

    /**
     * Drift reference: histograms of the input statistics over the same samples the variants are
     * compared on (no model run needed, only preprocessing).
     */
    private ReferenceStats referenceStats(Manifest manifest, Request r, Reference measured) {
        TaskPipeline pipeline = measured != null ? measured.pipeline : SampleSet.pipeline(manifest, r.bundle());
        List<Prepared> samples = measured != null ? measured.samples : SampleSet.prepare(manifest, pipeline, r.samples(), progress);
        return References.build(DriftStatistics.forBundle(manifest, pipeline), samples);
    }

    private Comparison.Figures measure(Manifest manifest, Path bundle, Variant v, Reference ref) {
        byte[] bytes = SourceFile.read(bundle.resolve(v.file().path()).toString(), "variant " + v.name(), progress).bytes();
        try (OrtModel model = new OrtModel(bytes, v.file().path())) {
            double[] latencies = new double[ref.samples.size()];
            List<float[]> results = Comparison.results(manifest.task(), ref.pipeline, model, ref.samples, latencies, progress,
                    "running " + v.name() + " on " + ref.samples.size() + " inputs");
            return Comparison.compare(manifest.task(), ref.results, results, latencies);
        }
    }

    /** fp32's results on the samples, computed once for all variants. */
    private final class Reference {
        final TaskPipeline pipeline;
        final List<Prepared> samples;
        final OrtModel model;
        final List<float[]> results;
        final double[] latencies;

        Reference(Manifest manifest, Request r) {
            pipeline = SampleSet.pipeline(manifest, r.bundle());
            samples = SampleSet.prepare(manifest, pipeline, r.samples(), progress);
            Variant fp32 = manifest.variant("fp32");
            model = new OrtModel(SourceFile.read(r.bundle().resolve(fp32.file().path()).toString(), "fp32", progress).bytes(), "fp32");
            latencies = new double[samples.size()];
            results = Comparison.results(manifest.task(), pipeline, model, samples, latencies, progress,
                    "running fp32 on " + samples.size() + " inputs");
        }
    }
}
