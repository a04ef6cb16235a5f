package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * RGBA pixels out of what pages hold: an {@code ImageData}, a canvas ({@code HTMLCanvasElement} or
 * {@code OffscreenCanvas}, read through its 2D context) or any {@code {width, height, data}} whose
 * data is a typed array or an array of numbers.
 */
public final class Pixels {
    private Pixels() {
    }

    /**
     * The image's pixels as a byte view over its own buffer (no copy yet), or null when the value
     * is not an image.
     */
    @JSBody(params = "x", script = ""
            + "if (x === null || typeof x !== 'object') return null;"
            + "var isCanvas = (typeof HTMLCanvasElement !== 'undefined' && x instanceof HTMLCanvasElement)"
            + " || (typeof OffscreenCanvas !== 'undefined' && x instanceof OffscreenCanvas);"
            + "if (isCanvas) {"
            + "  var ctx = x.getContext('2d');"
            + "  if (!ctx) return null;"
            + "  x = ctx.getImageData(0, 0, x.width, x.height);"
            + "}"
            + "if (typeof x.width !== 'number' || typeof x.height !== 'number' || x.data == null) return null;"
            + "var d = x.data;"
            + "if (!ArrayBuffer.isView(d)) {"
            + "  if (typeof d.length !== 'number') return null;"
            + "  d = Uint8ClampedArray.from(d);"
            + "}"
            + "return {width: x.width, height: x.height, bytes: new Int8Array(d.buffer, d.byteOffset, d.byteLength)};")
    public static native Rgba read(JSObject x);

    /** Pixels read by {@link #read}. */
    public interface Rgba extends JSObject {
        @JSProperty
        int getWidth();

        @JSProperty
        int getHeight();

        @JSProperty
        Int8Array getBytes();
    }
}
