package io.tandem.converter.validate;

import io.tandem.pipeline.bundle.Task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures as the manifest records them. Accuracy is rounded (minimum down, maximum error up, to 4
 * decimals) so that the committed manifest stays byte-stable across runs and small floating-point
 * differences between CPUs; latency, which is never stable, only goes in when asked for.
 */
public final class VariantMetrics {
    public static final int DIGITS = 4;

    private VariantMetrics() {
    }

    public static Map<String, Object> of(Comparison.Figures f, Double latencyMs, Double fp32LatencyMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", (long) f.samples());
        if (f.task() == Task.TEXT_EMBEDDING) {
            m.put("minCosine", Agreement.floor(f.minCosine(), DIGITS));
            m.put("meanCosine", Agreement.floor(f.meanCosine(), DIGITS));
        } else {
            m.put("top1Agreement", Agreement.floor(f.top1Agreement(), DIGITS));
            m.put("maxProbError", -Agreement.floor(-f.maxProbError(), DIGITS));
        }
        if (latencyMs != null) {
            m.put("latencyMs", Agreement.round(latencyMs, 2));
            m.put("fp32LatencyMs", Agreement.round(fp32LatencyMs, 2));
        }
        return m;
    }

    /** True when the metrics hold the accuracy figures of their task (then a build need not remeasure). */
    public static boolean complete(Task task, Map<String, Object> metrics) {
        return task == Task.TEXT_EMBEDDING
                ? metrics.containsKey("minCosine") && metrics.containsKey("meanCosine")
                : metrics.containsKey("top1Agreement") && metrics.containsKey("maxProbError");
    }
}
