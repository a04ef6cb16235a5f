package io.tandem.client;

import io.tandem.client.browser.Http;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** GETs that fail with a {@link TandemException} naming the URL and the status. */
final class Fetching {
    private Fetching() {
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
        Http.Response r = Async.await(pending, "network", "fetching " + url);
        if (!r.isOk()) {
            String code = r.getStatus() == 404 ? "not_found" : "http_" + r.getStatus();
            throw new TandemException(code, "GET " + url + " answered " + r.getStatus() + " " + r.getStatusText(), r.getStatus());
        }
        return r;
    }
}
