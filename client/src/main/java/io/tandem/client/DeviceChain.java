package io.tandem.client;

import io.tandem.pipeline.task.TaskPipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices a model may run on, in order ({@link Router.Plan}), and where along them it is: opens
 * the first that works, moves on when one fails (at load, or later while running) or is passed over
 * as too slow, and keeps what failed ({@link #fallbacks()}) and why it runs where it does
 * ({@link #reason()}). All the fallback logic is here; opening a device is behind {@link Opener}
 * (ONNX Runtime Web or the server in the browser, fakes on the JVM).
 */
final class DeviceChain {
    /** Opens a model on one device; a {@link TandemException} says why it could not. */
    interface Opener {
        Opened open(Device device);
    }

    /** Told of every device that failed (not of one passed over as too slow). */
    interface Failures {
        void failed(Device device);
    }

    /** A device opened: where, the runner, and the pipeline (null for the server until asked for). */
    static final class Opened {
        final Device device;
        final Runner runner;
        final TaskPipeline pipeline;

        Opened(Device device, Runner runner, TaskPipeline pipeline) {
            this.device = device;
            this.runner = runner;
            this.pipeline = pipeline;
        }
    }

    private final String modelId;
    private final List<Device> chain;
    private final Opener opener;
    private final Failures failures;
    private final List<String> fallbacks = new ArrayList<>();
    private String reason;
    private int at;

    DeviceChain(String modelId, Router.Plan plan, Opener opener, Failures failures) {
        this.modelId = modelId;
        this.chain = List.copyOf(plan.chain());
        this.reason = plan.reason();
        this.opener = opener;
        this.failures = failures;
    }

    /** The first device of the chain that opens. */
    Opened openFirst() {
        return openFrom(0);
    }

    /** The device the chain starts with (what is downloaded first). */
    Device first() {
        return chain.get(0);
    }

    /** Whether a device follows the current one. */
    boolean canFallBack() {
        return at + 1 < chain.size();
    }

    /** The device after the current one, or null. */
    Device next() {
        return canFallBack() ? chain.get(at + 1) : null;
    }

    /** The device after the current one that opens, after {@code failure} on the current one. */
    Opened fallBack(TandemException failure) {
        noteFailure(chain.get(at), failure);
        return openFrom(at + 1);
    }

    /** The device after the current one that opens, the current one being too slow ({@code why}). */
    Opened passOver(String why) {
        fallbacks.add(chain.get(at).wireName() + " too slow: " + why);
        return openFrom(at + 1);
    }

    /** Adds a clause to {@link #reason()} ("wasm warm-up 3.7 ms …"). */
    void explain(String clause) {
        reason = reason + "; " + clause;
    }

    String reason() {
        return reason;
    }

    /** What failed (or was too slow) before the current device, in order. */
    List<String> fallbacks() {
        return List.copyOf(fallbacks);
    }

    private Opened openFrom(int from) {
        TandemException last = null;
        for (int i = from; i < chain.size(); i++) {
            Device d = chain.get(i);
            try {
                Opened opened = opener.open(d);
                at = i;
                if (i > 0) {
                    explain("fell back to " + d.wireName());
                }
                return opened;
            } catch (TandemException e) {
                if (!isDeviceFailure(e) || i + 1 == chain.size()) {
                    if (!fallbacks.isEmpty()) {
                        throw new TandemException(e.code(), TandemException.messageOf(e) + " (after: " + String.join("; ", fallbacks) + ")", e.status());
                    }
                    throw e;
                }
                noteFailure(d, e);
                last = e;
            }
        }
        throw last != null ? last : new TandemException("no_device", "no device could run model '" + modelId + "'");
    }

    /** Failures that another device may not have: the runtime, a missing variant. Not integrity or HTTP failures. */
    static boolean isDeviceFailure(TandemException e) {
        String c = e.code();
        return "runtime".equals(c) || "no_variant".equals(c);
    }

    private void noteFailure(Device d, TandemException e) {
        fallbacks.add(d.wireName() + " failed: " + TandemException.messageOf(e));
        failures.failed(d);
    }
}
