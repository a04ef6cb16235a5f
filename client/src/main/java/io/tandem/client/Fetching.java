package io.tandem.client;

import io.tandem.client.browser.Http;
import io.tandem.client.browser.Js;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** GETs that fail with a {@link TandemException} naming the URL and the status. */
final class Fetching {
    private Fetching() {
    }

    /**
     * The response to a request; a request that got none ({@code fetch} rejects: the server is
     * down, the address is wrong, CSP or CORS refused it) is a {@code network} failure that says so:
     * "could not reach the server for GET /models/x/manifest.json (Failed to fetch); is it running
     * at http://host:7070, and do …".
     */
    static <T> T reach(JSPromise<T> pending, String method, String url) {
        try {
            return Async.await(pending, "network", "could not reach the server for " + method + " " + url);
        } catch (JsFailure e) {
            throw new JsFailure("network", e.getMessage() + " — is it running at " + Js.originOf(url)
                    + ", and do the page's Content-Security-Policy and the server's CORS settings let this page call it?", e.jsError());
        }
    }

    static String text(String url) {
        return text(Http.get(url), url);
    }

    static String text(JSPromise<Http.Response> pending, String url) {
        Http.Response r = ok(pending, url);
        return Async.await(r.text(), "network", "reading " + url).stringValue();
    }

    static ArrayBuffer bytes(JSPromise<Http.Response> pending, String url) {
        Http.Response r = ok(pending, url);
        return Async.await(r.arrayBuffer(), "network", "reading " + url);
    }

    private static Http.Response ok(JSPromise<Http.Response> pending, String url) {
        Http.Response r = reach(pending, "GET", url);
        if (!r.isOk()) {
            String code = r.getStatus() == 404 ? "not_found" : "http_" + r.getStatus();
            throw new TandemException(code, "GET " + url + " answered " + r.getStatus() + " " + r.getStatusText(), r.getStatus());
        }
        return r;
    }
}
