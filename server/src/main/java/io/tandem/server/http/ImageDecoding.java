package io.tandem.server.http;

import io.tandem.pipeline.image.RgbaImage;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * PNG/JPEG bytes → RGBA. The size is read from the header first, so an image that would decode
 * to gigabytes (a "decompression bomb") is refused before any pixel is decoded.
 */
final class ImageDecoding {
    private ImageDecoding() {
    }

    static RgbaImage decode(InputStream in) throws IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw ApiException.unsupportedMediaType("the image is not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > RgbaImage.MAX_SIDE || h > RgbaImage.MAX_SIDE) {
                    throw ApiException.badRequest("image is " + w + "x" + h + "; the largest accepted side is " + RgbaImage.MAX_SIDE);
                }
                return toRgba(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (javax.imageio.IIOException e) {
            throw ApiException.badRequest("the image cannot be decoded: " + e.getMessage());
        }
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
