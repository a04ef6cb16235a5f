package io.tandem.client;

import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code auto} decision kept in {@code localStorage} so that the next load in the same browser
 * skips the warm-up: the device, why, and the warm-up time. Keyed by model id, model version and a
 * fingerprint of the device (user agent, cores, WebGPU adapter, WASM threads), so a new model
 * version or a changed browser measures again. Plain Java.
 */
public final class RememberedChoice {
    private final Device device;
    private final String reason;
    private final double warmUpMs;

    public RememberedChoice(Device device, String reason, double warmUpMs) {
        this.device = device;
        this.reason = reason;
        this.warmUpMs = warmUpMs;
    }

    public Device device() {
        return device;
    }

    public String reason() {
        return reason;
    }

    /** The fastest warm-up run on the chosen device, ms; NaN when it was not warmed up (the server). */
    public double warmUpMs() {
        return warmUpMs;
    }

    /** Every key of this model's choices starts with this (other versions are evicted by it). */
    public static String prefix(String modelId) {
        return "tandem:choice:" + modelId + "@";
    }

    /** {@code tandem:choice:<id>@<version>#<fingerprint hash>}. */
    public static String key(String modelId, String version, String fingerprint) {
        return prefix(modelId) + version + "#" + hash(fingerprint);
    }

    /** FNV-1a (32 bits) over the UTF-16 units, as 8 hex digits: a short key, the same in every JavaScript engine. */
    static String hash(String text) {
        int h = 0x811c9dc5;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x01000193;
        }
        String hex = Integer.toHexString(h);
        return "00000000".substring(hex.length()) + hex;
    }

    public String encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device.wireName());
        m.put("reason", reason);
        if (!Double.isNaN(warmUpMs)) {
            m.put("warmUpMs", warmUpMs);
        }
        return Json.writeCompact(m);
    }

    /** The stored choice, or null when there is none or it cannot be read (then the load measures again). */
    public static RememberedChoice parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            JsonObject o = JsonObject.parse(text, "remembered choice");
            Device d = Device.fromWireName(o.string("device"));
            if (d == Device.AUTO) {
                return null;
            }
            return new RememberedChoice(d, o.string("reason"), o.number("warmUpMs", Double.NaN));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
