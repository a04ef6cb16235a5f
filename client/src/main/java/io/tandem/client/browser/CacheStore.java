package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * The Cache API ({@code caches}) as the client uses it: bytes in and out by URL key, deleting keys
 * by rule, and {@code navigator.storage.estimate()}. Every call settles; failures come back as
 * values, never rejections, so a browser without storage still runs models from memory.
 */
public final class CacheStore {
    private CacheStore() {
    }

    @JSBody(script = "return typeof caches !== 'undefined';")
    public static native boolean available();

    /** The stored bytes for {@code key}, or null when absent (or the Cache API fails). */
    @JSBody(params = {"cache", "key"}, script = ""
            + "if (typeof caches === 'undefined') return Promise.resolve(null);"
            + "return caches.open(cache).then(function (store) { return store.match(key); })"
            + ".then(function (hit) { return hit ? hit.arrayBuffer().then(function (buf) { return new Uint8Array(buf); }) : null; })"
            + ".catch(function () { return null; });")
    public static native JSPromise<Uint8Array> get(String cache, String key);

    /** The stored text for {@code key}, or null. */
    @JSBody(params = {"cache", "key"}, script = ""
            + "if (typeof caches === 'undefined') return Promise.resolve(null);"
            + "return caches.open(cache).then(function (store) { return store.match(key); })"
            + ".then(function (hit) { return hit ? hit.text() : null; })"
            + ".catch(function () { return null; });")
    public static native JSPromise<JSString> getText(String cache, String key);

    /**
     * Stores the bytes (copied at once into a {@code Response}, so the caller may hand them on,
     * even transfer them, before the promise settles); resolves to {@code ''} when stored, {@code 'quota: <message>'} when the
     * browser refused for lack of space, or {@code 'error: <message>'} for any other failure.
     */
    @JSBody(params = {"cache", "key", "bytes", "contentType"}, script = ""
            + "if (typeof caches === 'undefined') return Promise.resolve('error: the Cache API is not available here');"
            + "var response = new Response(bytes, {headers: {'Content-Type': contentType, 'Content-Length': String(bytes.byteLength)}});"
            + "return caches.open(cache).then(function (store) { return store.put(key, response); }).then(function () { return ''; }, function (failure) {"
            + "  var quota = failure && (failure.name === 'QuotaExceededError' || /quota/i.test(String(failure.message)));"
            + "  return (quota ? 'quota: ' : 'error: ') + (failure && failure.message ? failure.message : String(failure));"
            + "});")
    public static native JSPromise<JSString> put(String cache, String key, JSObject bytes, String contentType);

    /**
     * Deletes every key whose URL path starts with {@code pathPrefix} and whose {@code v} query
     * parameter is present and differs from {@code keepVersion}; resolves to how many went.
     */
    @JSBody(params = {"cache", "pathPrefix", "keepVersion"}, script = ""
            + "if (typeof caches === 'undefined') return Promise.resolve(0);"
            + "return caches.open(cache).then(function (store) {"
            + "  return store.keys().then(function (keys) {"
            + "    var doomed = keys.filter(function (req) {"
            + "      var parsed = new URL(req.url); var ver = parsed.searchParams.get('v');"
            + "      return parsed.pathname.indexOf(pathPrefix) === 0 && ver !== null && ver !== keepVersion;"
            + "    });"
            + "    return Promise.all(doomed.map(function (req) { return store.delete(req); })).then(function () { return doomed.length; });"
            + "  });"
            + "}).catch(function () { return 0; });")
    public static native JSPromise<JSNumber> evictOtherVersions(String cache, String pathPrefix, String keepVersion);

    /** {@code navigator.storage.estimate()}, or {@code {quota: NaN, usage: NaN}} where it is missing or fails. */
    @JSBody(script = ""
            + "var none = {quota: NaN, usage: NaN};"
            + "if (typeof navigator === 'undefined' || !navigator.storage || !navigator.storage.estimate) return Promise.resolve(none);"
            + "return navigator.storage.estimate().then(function (est) { return {quota: est.quota, usage: est.usage}; }, function () { return none; });")
    public static native JSPromise<Estimate> estimate();

    /** {@code navigator.storage.estimate()}'s figures, in bytes. */
    public interface Estimate extends JSObject {
        @JSProperty
        double getQuota();

        @JSProperty
        double getUsage();
    }
}
