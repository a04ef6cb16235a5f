package io.tandem.client.browser;

import org.teavm.jso.JSBody;

/**
 * A random id for this browser, sent to our own server as {@code X-Tandem-Client} so that a canary
 * rollout keeps each browser on one model version (the server hashes it into its canary buckets).
 * It is random, never derived from the user or their inputs, and lives in {@code localStorage}
 * like the remembered device choice; where storage is unavailable it lasts for the page only.
 */
public final class ClientId {
    static final String KEY = "tandem:client";
    private static String id;

    private ClientId() {
    }

    public static String get() {
        if (id == null) {
            String stored = Js.localGet(KEY);
            if (stored == null || stored.isEmpty()) {
                stored = random();
                Js.localSet(KEY, stored);
            }
            id = stored;
        }
        return id;
    }

    @JSBody(script = "if (self.crypto && self.crypto.randomUUID) return self.crypto.randomUUID();"
            + " var a = new Uint8Array(16); self.crypto.getRandomValues(a);"
            + " return Array.from(a, function (b) { return (b + 256).toString(16).slice(1); }).join('');")
    private static native String random();
}
