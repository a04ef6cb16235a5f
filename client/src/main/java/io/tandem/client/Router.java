package io.tandem.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The routing policy: from a device preference, what the browser can do and which devices the
 * bundle has variants for, the chain of devices to try in order and a sentence saying why. Plain
 * Java (tested on the JVM).
 *
 * <p>{@code auto}: WebGPU only on a hardware adapter (a software fallback adapter such as
 * SwiftShader emulates the GPU on the CPU and is far slower than WASM), then WASM, then the server.
 * A device that failed on this browser before for this model version is skipped. The measured part
 * of the decision (the warm-up) is {@link WarmUp}; an earlier decision is resumed with
 * {@link #remembered}. A forced device is
 * tried alone unless the page asks for fallback, in which case the devices after it follow.
 */
public final class Router {
    private Router() {
    }

    /** What the capability probe found, as far as routing cares. */
    public static final class Snapshot {
        final boolean webgpuAdapter;
        final boolean webgpuFallbackAdapter;
        final boolean wasm;
        final boolean wasmThreads;

        public Snapshot(boolean webgpuAdapter, boolean webgpuFallbackAdapter, boolean wasm, boolean wasmThreads) {
            this.webgpuAdapter = webgpuAdapter;
            this.webgpuFallbackAdapter = webgpuFallbackAdapter;
            this.wasm = wasm;
            this.wasmThreads = wasmThreads;
        }
    }

    /** The devices to try, in order, and why the first was chosen. */
    public static final class Plan {
        private final List<Device> chain;
        private final String reason;

        Plan(List<Device> chain, String reason) {
            this.chain = Collections.unmodifiableList(chain);
            this.reason = reason;
        }

        public List<Device> chain() {
            return chain;
        }

        public String reason() {
            return reason;
        }
    }

    /** The order devices fall back in. */
    static final List<Device> ORDER = List.of(Device.WEBGPU, Device.WASM, Device.SERVER);

    /**
     * @param variantDevices devices the manifest has a variant for (the server always runs the model)
     * @param failedBefore   devices that failed for this model version in this browser before
     */
    public static Plan plan(Device requested, boolean fallback, Snapshot caps, Set<String> variantDevices, Set<String> failedBefore) {
        if (requested != Device.AUTO) {
            List<Device> chain = new ArrayList<>();
            chain.add(requested);
            if (fallback) {
                for (Device d : ORDER.subList(ORDER.indexOf(requested) + 1, ORDER.size())) {
                    if (usable(d, caps, variantDevices) == null) {
                        chain.add(d);
                    }
                }
            }
            return new Plan(chain, "the page asked for " + requested.wireName());
        }
        List<Device> chain = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Device d : ORDER) {
            String why = usable(d, caps, variantDevices);
            if (why == null && failedBefore.contains(d.wireName())) {
                why = d.wireName() + " failed for this model in this browser before";
            }
            if (why == null) {
                chain.add(d);
            } else {
                skipped.add(why);
            }
        }
        Device first = chain.get(0);
        StringBuilder reason = new StringBuilder("auto chose ").append(first.wireName()).append(": ");
        switch (first) {
            case WEBGPU:
                reason.append("a hardware WebGPU adapter is available");
                break;
            case WASM:
                reason.append(caps.wasmThreads ? "WebAssembly with threads" : "WebAssembly (one thread: the page is not cross-origin isolated)");
                break;
            default:
                reason.append("nothing can run the model in this browser");
                break;
        }
        if (!skipped.isEmpty()) {
            reason.append(" (").append(String.join("; ", skipped)).append(')');
        }
        return new Plan(chain, reason.toString());
    }

    /**
     * The {@code auto} plan resumed at a device an earlier load chose (see {@link RememberedChoice}),
     * the devices after it kept for fallback; null when that device is no longer in the plan
     * (it failed since, or the browser lost it), so the load decides and measures afresh.
     */
    public static Plan remembered(Plan plan, RememberedChoice choice) {
        int at = plan.chain().indexOf(choice.device());
        if (at < 0) {
            return null;
        }
        return new Plan(new ArrayList<>(plan.chain().subList(at, plan.chain().size())), "remembered: " + choice.reason());
    }

    /** Null when the device can be tried, else why not. */
    static String usable(Device d, Snapshot caps, Set<String> variantDevices) {
        switch (d) {
            case WEBGPU:
                if (!caps.webgpuAdapter) {
                    return "no WebGPU adapter";
                }
                if (caps.webgpuFallbackAdapter) {
                    return "the WebGPU adapter is a software fallback (e.g. SwiftShader), slower than WebAssembly";
                }
                return variantDevices.contains("webgpu") ? null : "the bundle has no webgpu variant";
            case WASM:
                if (!caps.wasm) {
                    return "no WebAssembly";
                }
                return variantDevices.contains("wasm") ? null : "the bundle has no wasm variant";
            case SERVER:
                return null;
            default:
                return "not a device";
        }
    }
}
