package io.tandem.server.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus gauges of a monitor: {@code tandem_drift_psi{model,version,feature,source}},
 * {@code tandem_drift_score{model,version,source}} (the largest PSI) and
 * {@code tandem_drift_samples{model,version,source}} (inputs in the window). NaN until a source
 * has sent data, which Prometheus stores as "no value" rather than a misleading 0.
 */
public final class DriftMetrics {
    private DriftMetrics() {
    }

    public static void bind(MeterRegistry registry, DriftMonitor m) {
        for (DriftSource s : DriftSource.values()) {
            for (String f : m.features()) {
                Gauge.builder("tandem.drift.psi", m, mon -> mon.psi(s, f))
                        .description("population stability index of a live input statistic against the bundle's reference")
                        .tags("model", m.model(), "version", m.version(), "feature", f, "source", s.label())
                        .register(registry);
            }
            Gauge.builder("tandem.drift.score", m, mon -> mon.score(s))
                    .description("largest PSI over the input statistics: the model's drift score")
                    .tags("model", m.model(), "version", m.version(), "source", s.label())
                    .register(registry);
            Gauge.builder("tandem.drift.samples", m, mon -> mon.windowSamples(s))
                    .description("live inputs weighed in the drift window")
                    .tags("model", m.model(), "version", m.version(), "source", s.label())
                    .register(registry);
        }
    }
}
