package io.tandem.converter.validate;

import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.EngineVersions;
import io.tandem.converter.engine.MeasuredOn;
import io.tandem.pipeline.task.OutputKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures as the manifest records them, each with where it was measured ({@code measuredOn}: engine,
 * version, backend, threads, CPU). Accuracy is rounded (minimum down, maximum error up, to 4
 * decimals) so that the committed manifest stays byte-stable across runs; latency, which is never
 * stable, only goes in when asked for. The first engine's figures sit at the top (the variant's
 * primary engine, the browser's when it has browser devices); a second engine's go under its name.
 */
public final class VariantMetrics {
    public static final int DIGITS = 4;
    static final String MEASURED_ON = "measuredOn";

    /** One engine's figures for a variant. */
    public record Measured(Comparison.Figures figures, MeasuredOn measuredOn, Double latencyMs, Double fp32LatencyMs) {
    }

    private VariantMetrics() {
    }

    public static Map<String, Object> of(List<Measured> measured) {
        Map<String, Object> m = figures(measured.get(0));
        for (Measured other : measured.subList(1, measured.size())) {
            m.put(other.measuredOn().engine().engineName(), figures(other));
        }
        return m;
    }

    private static Map<String, Object> figures(Measured measured) {
        Comparison.Figures f = measured.figures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", (long) f.samples());
        switch (f.kind()) {
            case EMBEDDING:
                m.put("minCosine", Agreement.floor(f.minCosine(), DIGITS));
                m.put("meanCosine", Agreement.floor(f.meanCosine(), DIGITS));
                break;
            case CLASS_SCORES:
                m.put("top1Agreement", Agreement.floor(f.top1Agreement(), DIGITS));
                m.put("maxProbError", -Agreement.floor(-f.maxProbError(), DIGITS));
                break;
            default:
                m.put("maxRelError", -Agreement.floor(-f.maxRelError(), DIGITS));
        }
        if (measured.latencyMs() != null) {
            m.put("latencyMs", Agreement.round(measured.latencyMs(), 2));
            m.put("fp32LatencyMs", Agreement.round(measured.fp32LatencyMs(), 2));
        }
        m.put(MEASURED_ON, measured.measuredOn().toMap());
        return m;
    }

    /**
     * True when the metrics hold the accuracy figures of their task, measured on each of these
     * engines at the version this converter runs (then a build need not measure again). Figures
     * from another engine or version, or with no engine named, are measured again.
     */
    public static boolean complete(OutputKind kind, Map<String, Object> metrics, List<Engine> engines) {
        for (int i = 0; i < engines.size(); i++) {
            Engine e = engines.get(i);
            Object figures = i == 0 ? metrics : metrics.get(e.engineName());
            if (!(figures instanceof Map<?, ?> f) || !hasFigures(kind, f) || !MeasuredOn.sameEngine(f.get(MEASURED_ON), e, EngineVersions.of(e))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasFigures(OutputKind kind, Map<?, ?> metrics) {
        switch (kind) {
            case EMBEDDING:
                return metrics.containsKey("minCosine") && metrics.containsKey("meanCosine");
            case CLASS_SCORES:
                return metrics.containsKey("top1Agreement") && metrics.containsKey("maxProbError");
            default:
                return metrics.containsKey("maxRelError");
        }
    }
}
