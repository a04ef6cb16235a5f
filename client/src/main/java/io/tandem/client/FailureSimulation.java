package io.tandem.client;

import java.util.HashSet;
import java.util.Set;

/**
 * The test-only {@code _simulateFailure} load option: a comma-separated list of devices whose
 * session creation fails ({@code 'webgpu'}, {@code 'wasm'}, {@code 'server'}), or, with a
 * {@code -run} suffix ({@code 'wasm-run'}), whose first prediction fails. Lets tests drive the
 * fallback chain in any browser. Plain Java.
 */
public final class FailureSimulation {
    private final Set<String> atOpen = new HashSet<>();
    private final Set<String> atRun = new HashSet<>();

    private FailureSimulation() {
    }

    public static FailureSimulation parse(String spec) {
        FailureSimulation s = new FailureSimulation();
        if (spec == null || spec.trim().isEmpty()) {
            return s;
        }
        for (String raw : Split.dropTrailingEmpty(spec, ',')) {
            String part = raw.trim();
            boolean run = part.endsWith("-run");
            String name = run ? part.substring(0, part.length() - 4) : part;
            Device d = Device.fromWireName(name);
            if (d == Device.AUTO) {
                throw new IllegalArgumentException("_simulateFailure names devices (webgpu, wasm, server), not '" + part + "'");
            }
            (run ? s.atRun : s.atOpen).add(d.wireName());
        }
        return s;
    }

    /** Whether any failure is simulated. */
    public boolean isEmpty() {
        return atOpen.isEmpty() && atRun.isEmpty();
    }

    public boolean atOpen(Device d) {
        return atOpen.contains(d.wireName());
    }

    public boolean atRun(Device d) {
        return atRun.contains(d.wireName());
    }
}
