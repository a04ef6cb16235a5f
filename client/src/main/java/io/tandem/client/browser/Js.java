package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Small JavaScript helpers: values, objects, errors, time and URLs. */
public final class Js {
    private Js() {
    }

    @JSBody(params = "x", script = "return x == null;")
    public static native boolean isNullish(JSObject x);

    @JSBody(params = "x", script = "return typeof x === 'string';")
    public static native boolean isString(JSObject x);

    @JSBody(params = "x", script = "return String(x);")
    public static native String asString(JSObject x);

    @JSBody(params = "x", script = "return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;")
    public static native String typeName(JSObject x);

    /** {@code o[key]} as a string, or null when {@code o} or the property is null or undefined. */
    @JSBody(params = {"o", "key"}, script = "var v = o == null ? null : o[key]; return v == null ? null : String(v);")
    public static native String stringProperty(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "var v = o == null ? null : o[key]; return v === undefined ? null : v;")
    public static native JSObject property(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "var v = o == null ? null : o[key]; return typeof v === 'number' ? v : NaN;")
    public static native double numberProperty(JSObject o, String key);

    /** The object's own enumerable keys, joined by NUL (no key a page means to pass contains one). */
    @JSBody(params = "o", script = "return Object.keys(o).join('\\u0000');")
    public static native String ownKeys(JSObject o);

    @JSBody(script = "return {};")
    public static native JSObject newObject();

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value;")
    public static native void put(JSObject o, String key, JSObject value);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value;")
    public static native void put(JSObject o, String key, String value);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value;")
    public static native void put(JSObject o, String key, double value);

    /** {@code Array.from(values)}: a plain array of numbers. */
    @JSBody(params = "values", script = "return Array.from(values);")
    public static native JSObject numberArray(int[] values);

    /** Milliseconds from {@code performance.now()}. */
    @JSBody(script = "return performance.now();")
    public static native double now();

    /** An absolute URL for {@code url}, resolved against the page (or worker) location. */
    @JSBody(params = "url", script = "return new URL(url, globalThis.location ? globalThis.location.href : undefined).href;")
    public static native String absoluteUrl(String url);

    /** {@code new Error(message)} with {@code name = 'TandemError'}, a {@code code} and an optional cause. */
    @JSBody(params = {"message", "code", "cause"}, script = ""
            + "var e = cause == null ? new Error(message) : new Error(message, {cause: cause});"
            + "e.name = 'TandemError'; e.code = code; return e;")
    public static native JSObject error(String message, String code, JSObject cause);

    /** A thrown JavaScript value's message: {@code error.message} when it has one, else its string form. */
    @JSBody(params = "e", script = "return e == null ? 'unknown error' : (typeof e.message === 'string' && e.message ? e.message : String(e));")
    public static native String messageOf(JSObject e);

    /**
     * A JavaScript function (as source, for {@code @JSBody} scripts) that describes any rejection
     * or thrown value for a person: an {@code Error}'s message (a {@code DOMException}'s name
     * first, e.g. {@code QuotaExceededError: …}, never {@code TypeError}), a string as it is, other
     * values as JSON. ORT Web's proxy worker rejects with strings; {@code fetch} with a
     * {@code TypeError} whose message is all there is.
     */
    public static final String DESCRIBE = "(function (e) {"
            + " if (e == null) return 'no reason given';"
            + " if (typeof e === 'string') return e || 'no reason given';"
            + " if (typeof e.message === 'string') {"
            + "  var named = typeof e.name === 'string' && e.name && !/^(Type|Range|Syntax|Reference|Eval|URI)?Error$/.test(e.name);"
            + "  return e.message ? (named ? e.name + ': ' : '') + e.message : (named ? e.name : 'no reason given'); }"
            + " try { var json = JSON.stringify(e); if (json && json !== '{}') return json; } catch (ignored) { }"
            + " return String(e); })";

    /** {@link #DESCRIBE} applied to {@code e}. */
    @JSBody(params = "e", script = "return " + DESCRIBE + "(e);")
    public static native String describe(JSObject e);

    /** {@code JSON.parse(text)}, or null when the text is not JSON. */
    @JSBody(params = "text", script = "try { return JSON.parse(text); } catch (e) { return null; }")
    public static native JSObject parseJsonOrNull(String text);

    /** The {@code id}s of a {@code GET /api/v1/models} answer, sorted and joined by NUL; null when it is not one. */
    @JSBody(params = "listing", script = "if (!listing || !Array.isArray(listing.models)) return null;"
            + " return listing.models.map(function (entry) { return entry && entry.id; })"
            + ".filter(function (id) { return typeof id === 'string'; }).sort().join('\\u0000');")
    public static native String modelIds(JSObject listing);

    /** {@code {output, device, ms}} followed by whatever else the runner's result holds. */
    @JSBody(params = {"runnerResult", "device", "ms"},
            script = "return Object.assign({output: runnerResult.output, device: device, ms: ms}, runnerResult);")
    public static native JSObject result(JSObject runnerResult, String device, double ms);

    /** The text's UTF-8 bytes ({@code TextEncoder}). */
    @JSBody(params = "text", script = "return new TextEncoder().encode(text);")
    public static native org.teavm.jso.typedarrays.Uint8Array utf8(String text);

    /** UTF-8 bytes as text ({@code TextDecoder}). */
    @JSBody(params = "bytes", script = "return new TextDecoder('utf-8').decode(bytes);")
    public static native String utf8Decode(org.teavm.jso.typedarrays.Uint8Array bytes);

    /** The origin ({@code http://host:port}) of a URL, resolved against the page. */
    @JSBody(params = "url", script = "try { return new URL(url, globalThis.location ? globalThis.location.href : undefined).origin; } catch (e) { return String(url); }")
    public static native String originOf(String url);

    /** The path of an absolute URL. */
    @JSBody(params = "url", script = "return new URL(url).pathname;")
    public static native String pathOf(String url);

    /** Calls {@code fn(arg)} when {@code fn} is a function, ignoring what it throws. */
    @JSBody(params = {"fn", "arg"}, script = "if (typeof fn === 'function') { try { fn(arg); } catch (e) { } }")
    public static native void callQuietly(JSObject fn, JSObject arg);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value;")
    public static native void putBoolean(JSObject o, String key, boolean value);

    /** A JS array of strings. */
    public static JSObject stringArray(java.util.List<String> values) {
        org.teavm.jso.core.JSArray<org.teavm.jso.core.JSString> out = new org.teavm.jso.core.JSArray<>();
        for (String v : values) {
            out.push(org.teavm.jso.core.JSString.valueOf(v));
        }
        return out;
    }

    /** {@code localStorage.getItem(key)}, or null where storage is unavailable. */
    @JSBody(params = "key", script = "try { return self.localStorage ? self.localStorage.getItem(key) : null; } catch (e) { return null; }")
    public static native String localGet(String key);

    /** {@code localStorage.setItem(key, value)} (or removeItem for null); failures are ignored. */
    @JSBody(params = {"key", "value"}, script = "try { if (self.localStorage) { if (value == null) self.localStorage.removeItem(key);"
            + " else self.localStorage.setItem(key, value); } } catch (e) { }")
    public static native void localSet(String key, String value);

    /** Removes every {@code localStorage} key that starts with {@code prefix} except {@code keep}; failures are ignored. */
    @JSBody(params = {"prefix", "keep"}, script = "try { var store = self.localStorage; if (!store) return;"
            + " var doomed = []; for (var index = 0; index < store.length; index++) { var name = store.key(index);"
            + " if (name && name.indexOf(prefix) === 0 && name !== keep) doomed.push(name); }"
            + " doomed.forEach(function (name) { store.removeItem(name); }); } catch (e) { }")
    public static native void localRemoveOthers(String prefix, String keep);

    /** {@code navigator.userAgent}, or '' where there is none. */
    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.userAgent ? String(navigator.userAgent) : '';")
    public static native String userAgent();
}
