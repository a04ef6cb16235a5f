package io.tandem.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Where one {@code load}'s time went: named phases, each with its start (ms since {@code load}
 * began) and duration, in the order they began. Phases may overlap (ONNX Runtime Web's import runs
 * while the model files download). Plain Java with a clock handed in, so it is tested on the JVM.
 */
final class LoadPhases {
    /** One phase: its name, start (ms after the load began) and duration, both rounded to 0.1 ms. */
    record Phase(String name, double start, double ms) {
    }

    private final DoubleSupplier clock;
    private final double origin;
    private final List<Phase> phases = new ArrayList<>();

    LoadPhases(DoubleSupplier clock) {
        this.clock = clock;
        this.origin = clock.getAsDouble();
    }

    /** The clock now, to hand back to {@link #end} (or {@link #endAt}). */
    double begin() {
        return clock.getAsDouble();
    }

    /** Records {@code name} as lasting from {@code began} until now. */
    void end(String name, double began) {
        endAt(name, began, clock.getAsDouble());
    }

    /** Records {@code name} as lasting from {@code began} to {@code ended} (clock readings). */
    void endAt(String name, double began, double ended) {
        Phase phase = new Phase(name, round(began - origin), round(ended - began));
        int at = phases.size();
        while (at > 0 && phases.get(at - 1).start() > phase.start()) {
            at--;
        }
        phases.add(at, phase);
    }

    /** Milliseconds since the load began. */
    double elapsed() {
        return clock.getAsDouble() - origin;
    }

    List<Phase> phases() {
        return List.copyOf(phases);
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
