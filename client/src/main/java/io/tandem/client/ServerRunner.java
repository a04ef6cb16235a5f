package io.tandem.client;

import io.tandem.client.browser.Http;
import io.tandem.client.browser.Js;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Runs the model on the server: {@code POST /api/v1/models/{id}/predict}, chained on
 * {@code fetch}'s promises (no green thread, like {@link PageRunner}).
 */
final class ServerRunner implements Runner {
    private final String url;

    ServerRunner(String url) {
        this.url = url;
    }

    @Override
    public JSPromise<JSObject> predict(ModelInput input) {
        String body = input.kind() == InputKind.IMAGE ? imageBody(input.image()) : ServerRequests.predictBody(input);
        JSPromise<Http.Response> sent = Async.failingAs(Http.postJson(url, body), "network", "could not reach the server for POST " + url);
        return sent.flatThen(response -> {
            JSPromise<JSString> text = Async.failingAs(response.text(), "network", "reading the server's answer");
            return Async.map(text, t -> result(response, t.stringValue()));
        });
    }

    /**
     * The same body as {@link ServerRequests#predictBody} for an image, built with the browser's
     * own {@code btoa} and {@code JSON.stringify}: base64 and JSON-escaping a 280×280 canvas
     * (313 KB of RGBA) in TeaVM's JavaScript took tens of milliseconds per prediction.
     */
    private static String imageBody(RgbaImage image) {
        return imageJson(image.width(), image.height(), Int8Array.copyFromJavaArray(image.rgba()));
    }

    @JSBody(params = {"width", "height", "rgba"}, script = ""
            + "var bytes = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), parts = [];"
            + "for (var i = 0; i < bytes.length; i += 0x8000) {"
            + "  parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));"
            + "}"
            + "return JSON.stringify({input: {width: width, height: height, data: btoa(parts.join(''))}});")
    private static native String imageJson(int width, int height, Int8Array rgba);

    private static JSObject result(Http.Response response, String text) {
        JSObject reply = Js.parseJsonOrNull(text);
        if (!response.isOk()) {
            String code = Js.stringProperty(reply, "error");
            String message = Js.stringProperty(reply, "message");
            throw new TandemException(code != null ? code : "http_" + response.getStatus(),
                    message != null ? message : "the server answered " + response.getStatus() + " " + response.getStatusText(),
                    response.getStatus());
        }
        if (reply == null || Js.property(reply, "output") == null) {
            throw new TandemException("bad_reply", "the server's answer has no output");
        }
        JSObject result = Js.newObject();
        Js.put(result, "output", Js.property(reply, "output"));
        double serverMs = Js.numberProperty(reply, "ms");
        if (!Double.isNaN(serverMs)) {
            Js.put(result, "serverMs", serverMs);
        }
        String modelVersion = Js.stringProperty(reply, "modelVersion");
        if (modelVersion != null) {
            Js.put(result, "modelVersion", modelVersion);
        }
        return result;
    }

    @Override
    public void close() {
        // Nothing held in the page.
    }
}
