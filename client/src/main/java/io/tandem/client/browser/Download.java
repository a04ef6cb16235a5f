package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * A GET whose body is read chunk by chunk ({@code response.body.getReader()}), reporting the bytes
 * received to a {@link Progress} as they arrive.
 */
public final class Download {
    private Download() {
    }

    /**
     * Resolves to the outcome whether or not the status is 2xx (the body is read only when it is);
     * rejects only when the request itself fails (network, CORS).
     */
    @JSBody(params = {"url", "progress", "file"}, script = ""
            + "return fetch(url).then(function (res) {"
            + "  var out = {ok: res.ok, status: res.status, statusText: res.statusText, bytes: null};"
            + "  if (!res.ok) return out;"
            + "  var length = Number(res.headers.get('Content-Length')) || 0;"
            + "  if (!res.body || !res.body.getReader) {"
            + "    return res.arrayBuffer().then(function (whole) { progress.add(file, whole.byteLength); out.bytes = new Uint8Array(whole); return out; });"
            + "  }"
            + "  var reader = res.body.getReader(); var chunks = []; var received = 0;"
            + "  var buffer = length > 0 ? new Uint8Array(length) : null;"
            + "  function pump() {"
            + "    return reader.read().then(function (step) {"
            + "      if (step.done) {"
            + "        if (buffer && received === length) { out.bytes = buffer; return out; }"
            + "        var all = new Uint8Array(received); var at = 0;"
            + "        if (buffer) { all.set(buffer.subarray(0, Math.min(received, length))); at = Math.min(received, length); }"
            + "        for (var ix = 0; ix < chunks.length; ix++) { all.set(chunks[ix], at); at += chunks[ix].length; }"
            + "        out.bytes = all; return out;"
            + "      }"
            + "      var chunk = step.value;"
            + "      if (buffer && received + chunk.length <= length) buffer.set(chunk, received); else chunks.push(chunk);"
            + "      received += chunk.length;"
            + "      progress.add(file, chunk.length);"
            + "      return pump();"
            + "    });"
            + "  }"
            + "  return pump();"
            + "});")
    public static native JSPromise<Outcome> get(String url, Progress progress, String file);

    /** A {@link Progress} reporting to {@code callback} (may be null) against {@code total} bytes. */
    @JSBody(params = {"callback", "total"}, script = ""
            + "var state = {loaded: 0, total: total, fromCache: 0};"
            + "function report(file, fromCache) {"
            + "  if (typeof callback !== 'function') return;"
            + "  var percent = state.total > 0 ? Math.min(100, Math.round(1000 * (state.loaded + state.fromCache) / state.total) / 10) : 0;"
            + "  try { callback({file: file, loaded: state.loaded + state.fromCache, total: state.total, percent: percent, fromCache: fromCache}); } catch (ignored) { }"
            + "}"
            + "state.add = function (file, count) { state.loaded += count; report(file, false); };"
            + "state.cached = function (file, count) { state.fromCache += count; report(file, true); };"
            + "return state;")
    public static native Progress progress(JSObject callback, double total);

    /** What {@link #get} resolves to. */
    public interface Outcome extends JSObject {
        @JSProperty
        boolean isOk();

        @JSProperty
        int getStatus();

        @JSProperty
        String getStatusText();

        /** The body, or null when the status was not 2xx. */
        @JSProperty
        Uint8Array getBytes();
    }

    /**
     * Download progress over all the files of one load: calls the page's {@code onProgress} (when it
     * gave one) with {@code {file, loaded, total, percent, fromCache}}; a callback that throws is
     * ignored.
     */
    public interface Progress extends JSObject {
        /** {@code bytes} more of {@code file} arrived. */
        void add(String file, double bytes);

        /** {@code bytes} of {@code file} came from the cache instead. */
        void cached(String file, double bytes);

        @JSProperty
        double getLoaded();

    }
}
