package io.tandem.converter.validate;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.MeasuredOn;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.drift.References;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures every derived variant of a bundle against its fp32 variant on the task's sample inputs,
 * on the engine that will run it (browser devices: ONNX Runtime Web's WASM; server: onnxruntime
 * Java; {@link Engine}), fp32 on the same engine, and gates it. Returns the manifest with the
 * metrics and where they were measured filled in; refuses (throws) if any variant falls below the
 * gate on any of its engines, leaving the caller to write nothing.
 */
public final class Validator {
    /**
     * What to do: which variants (empty: all but fp32), where image samples are, the gate; engines
     * null means each variant's own (by its devices).
     */
    public record Request(Path bundle, List<String> variants, String samples, Gate gate, boolean latency, boolean force,
            List<Engine> engines) {
    }

    /** One measured (or skipped) variant on one engine, for the report. */
    public record Outcome(String variant, Comparison.Figures figures, MeasuredOn measuredOn, boolean skipped) {
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
        Baselines refs = new Baselines(manifest, r);
        boolean fp32Checked = false;
        for (Variant v : manifest.variants()) {
            List<Engine> engines = r.engines() != null ? r.engines() : Engine.forDevices(v.devices());
            if (!targets.contains(v) || (!r.force() && !r.latency() && VariantMetrics.complete(manifest.task().outputKind(), v.metrics(), engines))) {
                if (targets.contains(v)) {
                    // "Up to date" claims the figures belong to these files: only true if they are the listed bytes.
                    BundleCheck.require(r.bundle(), v.file(), "variant " + v.name());
                    if (!fp32Checked) {
                        BundleCheck.require(r.bundle(), manifest.variant("fp32").file(), "variant fp32");
                        fp32Checked = true;
                    }
                    outcomes.add(new Outcome(v.name(), null, null, true));
                }
                b.variant(v);
                continue;
            }
            List<VariantMetrics.Measured> measured = new ArrayList<>();
            for (Engine engine : engines) {
                Reference reference = refs.on(engine);
                Measurement m = measure(manifest, r.bundle(), v, engine, reference);
                outcomes.add(new Outcome(v.name(), m.figures, m.measuredOn, false));
                String refusal = r.gate().refusal(v.name(), m.figures, m.measuredOn);
                if (refusal != null) {
                    refusals.add(refusal + "; inspect it with: tandem-converter validate --bundle " + r.bundle() + " --variants "
                            + v.name() + " --engine " + engine.wireName() + " --force");
                }
                measured.add(new VariantMetrics.Measured(m.figures, m.measuredOn, r.latency() ? m.figures.medianLatencyMs() : null,
                        r.latency() ? Agreement.median(reference.latencies) : null));
            }
            Map<String, Object> metrics = VariantMetrics.of(measured);
            changed |= !metrics.equals(v.metrics());
            b.variant(v.withMetrics(metrics));
        }
        if (!refusals.isEmpty()) {
            throw new ConverterException(String.join("; ", refusals));
        }
        // Drift is measured against what users send: synthetic images or records are no reference.
        boolean haveSamples = SampleSet.representative(manifest.task().inputKind(), r.samples());
        if ((manifest.reference() == null || r.force()) && haveSamples) {
            ReferenceStats stats = References.build(refs.pipeline().statistics(), refs.samples());
            changed |= !stats.equals(manifest.reference());
            b.reference(stats);
        }
        return new Result(b.build(), outcomes, changed);
    }

    private record Measurement(Comparison.Figures figures, MeasuredOn measuredOn) {
    }

    private Measurement measure(Manifest manifest, Path bundle, Variant v, Engine engine, Reference ref) {
        byte[] bytes = BundleCheck.read(bundle, v.file(), "variant " + v.name(), progress);
        try (ModelRunner model = engine.open(bytes, v.file().path())) {
            double[] latencies = new double[ref.samples.size()];
            List<float[]> results = Comparison.results(ref.pipeline, model, ref.samples, latencies, progress,
                    "running " + v.name() + " on " + ref.samples.size() + " inputs in " + engine.engineName());
            return new Measurement(Comparison.compare(Comparison.Scoring.of(manifest), ref.results, results, latencies), model.measuredOn());
        }
    }

    /**
     * The samples (prepared once by the bundle's pipeline) and fp32's results on them, computed once
     * per engine: a variant is compared with fp32 on the same engine, so only the variant's own
     * change is measured, not the difference between two engines' fp32 kernels.
     */
    private final class Baselines {
        private final Manifest manifest;
        private final Request request;
        private TaskPipeline pipeline;
        private List<Prepared> samples;
        private final Map<Engine, Reference> byEngine = new EnumMap<>(Engine.class);

        Baselines(Manifest manifest, Request request) {
            this.manifest = manifest;
            this.request = request;
        }

        TaskPipeline pipeline() {
            if (pipeline == null) {
                pipeline = SampleSet.pipeline(manifest, request.bundle());
            }
            return pipeline;
        }

        List<Prepared> samples() {
            if (samples == null) {
                samples = SampleSet.prepare(manifest, pipeline(), request.samples(), progress);
            }
            return samples;
        }

        Reference on(Engine engine) {
            Reference ref = byEngine.get(engine);
            if (ref == null) {
                ref = new Reference(manifest, request.bundle(), engine, pipeline(), samples());
                byEngine.put(engine, ref);
            }
            return ref;
        }
    }

    /** fp32's results on the samples on one engine. */
    private final class Reference {
        final TaskPipeline pipeline;
        final List<Prepared> samples;
        final List<float[]> results;
        final double[] latencies;

        Reference(Manifest manifest, Path bundle, Engine engine, TaskPipeline pipeline, List<Prepared> samples) {
            this.pipeline = pipeline;
            this.samples = samples;
            Variant fp32 = manifest.variant("fp32");
            latencies = new double[samples.size()];
            byte[] bytes = BundleCheck.read(bundle, fp32.file(), "variant fp32", progress);
            try (ModelRunner model = engine.open(bytes, "fp32")) {
                results = Comparison.results(pipeline, model, samples, latencies, progress,
                        "running fp32 on " + samples.size() + " inputs in " + engine.engineName());
            }
        }
    }
}
