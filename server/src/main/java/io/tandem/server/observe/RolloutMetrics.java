package io.tandem.server.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelVersions;

/**
 * Where each model's rollout stands: {@code tandem_canary_percent{model}} (the candidate's share of
 * clients) and {@code tandem_model_versions_loaded{model}} (sessions held, draining ones included,
 * so a version that never drains shows). Per-version traffic is in {@code tandem_predict_seconds}.
 */
public final class RolloutMetrics {
    private RolloutMetrics() {
    }

    public static void bind(MeterRegistry meters, ModelRegistry registry) {
        for (String id : registry.ids()) {
            ModelVersions versions = registry.versions(id).orElseThrow();
            Gauge.builder("tandem.canary.percent", versions, ModelVersions::canaryPercent)
                    .description("share of clients routed to the candidate version").tag("model", id).register(meters);
            Gauge.builder("tandem.model.versions.loaded", versions, ModelVersions::loadedCount)
                    .description("versions of the model holding an onnxruntime session").tag("model", id).register(meters);
        }
    }
}
