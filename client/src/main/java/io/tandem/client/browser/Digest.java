package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Uint8Array;

/** SHA-256 with the browser's own {@code crypto.subtle} (secure contexts only: https or localhost). */
public final class Digest {
    private Digest() {
    }

    /** Whether {@code crypto.subtle} exists here. */
    @JSBody(script = "return typeof crypto !== 'undefined' && !!crypto.subtle;")
    public static native boolean available();

    /** Lower-case hex SHA-256 of the bytes. */
    @JSBody(params = "bytes", script = ""
            + "return crypto.subtle.digest('SHA-256', bytes).then(function (digest) {"
            + "  var view = new Uint8Array(digest); var hex = '';"
            + "  for (var ix = 0; ix < view.length; ix++) hex += (view[ix] < 16 ? '0' : '') + view[ix].toString(16);"
            + "  return hex;"
            + "});")
    public static native JSPromise<JSString> sha256Hex(Uint8Array bytes);
}
