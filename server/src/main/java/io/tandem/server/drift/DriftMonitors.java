package io.tandem.server.drift;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.task.Prepared;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One {@link DriftMonitor} per model version whose bundle has a reference, made the first time
 * the version is seen. Listens to the predictor for the inputs the server prepares.
 */
public final class DriftMonitors implements Predictor.InputListener {
    private final Map<String, Optional<DriftMonitor>> monitors = new ConcurrentHashMap<>();
    private final Consumer<DriftMonitor> onCreated;

    /** @param onCreated told about each new monitor (metrics register its gauges) */
    public DriftMonitors(Consumer<DriftMonitor> onCreated) {
        this.onCreated = onCreated;
    }

    /** Makes the monitors of the models loaded at start, so their gauges exist before any traffic. */
    public void watch(List<ServerModel> models) {
        models.forEach(this::monitor);
    }

    /** Every monitor made so far (versions seen, with a reference). */
    public List<DriftMonitor> all() {
        List<DriftMonitor> out = new ArrayList<>();
        monitors.values().forEach(m -> m.ifPresent(out::add));
        return out;
    }

    @Override
    public void onPrepared(ServerModel model, Prepared prepared) {
        monitor(model).ifPresent(m -> m.observe(prepared));
    }

    /** The model version's monitor; empty when its bundle has no reference statistics or none apply. */
    public Optional<DriftMonitor> monitor(ServerModel model) {
        Manifest manifest = model.manifest();
        return monitors.computeIfAbsent(manifest.id() + "@" + manifest.version(), key -> {
            Optional<DriftMonitor> made = create(model);
            made.ifPresent(onCreated);
            return made;
        });
    }

    private static Optional<DriftMonitor> create(ServerModel model) {
        Manifest manifest = model.manifest();
        if (manifest.reference() == null) {
            return Optional.empty();
        }
        InputStatistics statistics = model.pipeline().statistics();
        DriftMonitor monitor = new DriftMonitor(manifest.id(), manifest.version(), statistics, manifest.reference());
        return monitor.features().isEmpty() ? Optional.empty() : Optional.of(monitor);
    }
}
