package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** {@code fetch}: a GET and a JSON POST, and the parts of {@code Response} the client reads. */
public final class Http {
    private Http() {
    }

    @JSBody(params = "url", script = "return fetch(url);")
    public static native JSPromise<Response> get(String url);

    /** A JSON POST to our own server, carrying this browser's {@link ClientId} (sticky canary routing). */
    public static JSPromise<Response> postJson(String url, String json) {
        return postJson(url, json, ClientId.get());
    }

    @JSBody(params = {"url", "json", "client"},
            script = "return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json',"
                    + " 'Accept': 'application/json', 'X-Tandem-Client': client}, body: json});")
    private static native JSPromise<Response> postJson(String url, String json, String client);

    /** {@code Response}. */
    public interface Response extends JSObject {
        @JSProperty
        boolean isOk();

        @JSProperty
        int getStatus();

        @JSProperty
        String getStatusText();

        @JSProperty
        String getUrl();

        JSPromise<JSString> text();

        JSPromise<ArrayBuffer> arrayBuffer();
    }
}
