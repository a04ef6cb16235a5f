package io.tandem.server.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tandem.pipeline.image.RgbaImage;

/**
 * The server decodes image bodies any caller uploads (PNG or JPEG, through the JDK's ImageIO): any
 * bytes become an image within the pixel bound or a 4xx {@link ApiException} — never another
 * exception (a 500 and a stack trace in the log), and never a decode past the bound. In the
 * server's package, because ImageDecoding is not public.
 */
class ImageDecodingFuzzTest {
    private static final long MAX_PIXELS = 256 * 256;
    private static final ImageDecoding DECODING = new ImageDecoding(MAX_PIXELS);

    @FuzzTest(maxDuration = "15s")
    void anyBytesDecodeWithinTheBoundOrAreRefused(byte[] bytes) {
        RgbaImage image;
        try {
            image = DECODING.decode(bytes);
        } catch (ApiException e) {
            if (e.status() < 400 || e.status() >= 500) {
                throw new AssertionError("refused with " + e.status() + ": " + e.getMessage());
            }
            return;
        }
        if ((long) image.width() * image.height() > MAX_PIXELS) {
            throw new AssertionError("decoded " + image.width() + "x" + image.height() + " past the bound");
        }
    }
}
