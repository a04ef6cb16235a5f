package io.tandem.server.http;

import io.tandem.pipeline.image.RgbaImage;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * PNG/JPEG bytes → RGBA. Only the header is read before the size is judged, so an image that
 * would decode to gigabytes of pixels (a few KB of PNG can declare 4096×4096) is refused before
 * any pixel is decoded. Other formats (GIF, BMP, TIFF, WBMP) are refused by what the bytes are,
 * whatever the Content-Type said.
 */
final class ImageDecoding {
    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private final long maxPixels;

    /** @param maxPixels most pixels (width × height) an image may have ({@code TANDEM_MAX_IMAGE_PIXELS}) */
    ImageDecoding(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** 400 when a declared size is beyond the bound; the same rule for files and raw RGBA. */
    void checkSize(long width, long height) {
        if (width < 1 || height < 1) {
            throw ApiException.badRequest("image is " + width + "x" + height + "; both sides must be at least 1");
        }
        if (width > RgbaImage.MAX_SIDE || height > RgbaImage.MAX_SIDE || width * height > maxPixels) {
            throw ApiException.badRequest("image is " + width + "x" + height + "; the largest accepted is "
                    + maxPixels + " pixels with no side over " + RgbaImage.MAX_SIDE);
        }
    }

    RgbaImage decode(byte[] bytes) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw notAccepted();
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    throw notAccepted();
                }
                reader.setInput(stream, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0));
                return toRgba(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw ApiException.badRequest("the image cannot be decoded: it is damaged or truncated");
        } catch (IOException e) {
            throw ApiException.badRequest("the image cannot be read");
        }
    }

    private static ApiException notAccepted() {
        return ApiException.unsupportedMediaType("the image is not a PNG or JPEG file; only image/png and image/jpeg are accepted");
    }

    static RgbaImage toRgba(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgba[i * 4] = (byte) (p >> 16);
            rgba[i * 4 + 1] = (byte) (p >> 8);
            rgba[i * 4 + 2] = (byte) p;
            rgba[i * 4 + 3] = (byte) (p >>> 24);
        }
        return new RgbaImage(w, h, rgba);
    }
}
