package io.tandem.pipeline.image;

/** Small pure image functions used by the digit preprocessing; each is unit-tested on its own. */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * Luma (ITU-R BT.601) of each pixel composited over white, in [0, 255]. Over white, because a
     * canvas a user drew on is transparent where nothing was drawn, and a page shows it on white.
     */
    public static GrayImage grayscaleOverWhite(RgbaImage image) {
        byte[] px = image.rgba();
        GrayImage out = new GrayImage(image.width(), image.height());
        double[] dst = out.pixels;
        for (int i = 0, p = 0; i < dst.length; i++, p += 4) {
            double r = px[p] & 0xFF;
            double g = px[p + 1] & 0xFF;
            double b = px[p + 2] & 0xFF;
            double a = (px[p + 3] & 0xFF) / 255.0;
            double luma = 0.299 * r + 0.587 * g + 0.114 * b;
            dst[i] = luma * a + 255.0 * (1.0 - a);
        }
        return out;
    }

    /** Mean of the pixels on the image's outer border: a robust guess at the background level. */
    public static double borderMean(GrayImage img) {
        double sum = 0;
        int count = 0;
        for (int x = 0; x < img.width; x++) {
            sum += img.get(x, 0);
            count++;
            if (img.height > 1) {
                sum += img.get(x, img.height - 1);
                count++;
            }
        }
        for (int y = 1; y < img.height - 1; y++) {
            sum += img.get(0, y);
            count++;
            if (img.width > 1) {
                sum += img.get(img.width - 1, y);
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Ink intensity in [0, 255] (MNIST's convention: bright strokes on black). Inverts a light
     * background, then stretches so the background maps to 0 and the strongest stroke to 255, which
     * removes the grey cast of a photographed page.
     */
    public static GrayImage toInk(GrayImage gray) {
        double background = borderMean(gray);
        boolean invert = background > 127.5;
        GrayImage ink = new GrayImage(gray.width, gray.height);
        double bg = invert ? 255.0 - background : background;
        double max = 0;
        for (int i = 0; i < ink.pixels.length; i++) {
            double v = invert ? 255.0 - gray.pixels[i] : gray.pixels[i];
            ink.pixels[i] = v;
            if (v > max) {
                max = v;
            }
        }
        double range = max - bg;
        for (int i = 0; i < ink.pixels.length; i++) {
            double v = range > 0 ? (ink.pixels[i] - bg) * 255.0 / range : 0.0;
            ink.pixels[i] = v < 0 ? 0.0 : (v > 255.0 ? 255.0 : v);
        }
        return ink;
    }

    /**
     * The smallest box holding every pixel brighter than {@code threshold}, as
     * {x0, y0, x1, y1} with x1/y1 exclusive; {@code null} when there is no ink at all.
     */
    public static int[] inkBounds(GrayImage img, double threshold) {
        int x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
        for (int y = 0; y < img.height; y++) {
            for (int x = 0; x < img.width; x++) {
                if (img.get(x, y) > threshold) {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    if (y > y1) y1 = y;
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }

    public static GrayImage crop(GrayImage img, int x0, int y0, int x1, int y1) {
        GrayImage out = new GrayImage(x1 - x0, y1 - y0);
        for (int y = y0; y < y1; y++) {
            System.arraycopy(img.pixels, y * img.width + x0, out.pixels, (y - y0) * out.width, out.width);
        }
        return out;
    }

    /**
     * Area-average resampling: each output pixel is the mean of the source area it covers, with
     * fractional weights at the edges. It anti-aliases when shrinking (as MNIST's scaling did) and
     * is bilinear-like when enlarging.
     */
    public static GrayImage resizeArea(GrayImage src, int outWidth, int outHeight) {
        double[][] wx = AreaWeights.of(src.width, outWidth);
        double[][] wy = AreaWeights.of(src.height, outHeight);
        int[] fx = AreaWeights.firsts(src.width, outWidth);
        int[] fy = AreaWeights.firsts(src.height, outHeight);
        GrayImage out = new GrayImage(outWidth, outHeight);
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                double sum = 0;
                double weight = 0;
                for (int j = 0; j < wy[oy].length; j++) {
                    int sy = fy[oy] + j;
                    double rowWeight = wy[oy][j];
                    for (int i = 0; i < wx[ox].length; i++) {
                        double w = rowWeight * wx[ox][i];
                        sum += src.get(fx[ox] + i, sy) * w;
                        weight += w;
                    }
                }
                out.set(ox, oy, weight > 0 ? sum / weight : 0.0);
            }
        }
        return out;
    }

    /** Centre of mass {x, y} of the intensities in pixel-index coordinates; the image centre if empty. */
    public static double[] centreOfMass(GrayImage img) {
        double total = 0, sx = 0, sy = 0;
        for (int y = 0; y < img.height; y++) {
            for (int x = 0; x < img.width; x++) {
                double v = img.get(x, y);
                total += v;
                sx += v * x;
                sy += v * y;
            }
        }
        if (total == 0) {
            return new double[] {(img.width - 1) / 2.0, (img.height - 1) / 2.0};
        }
        return new double[] {sx / total, sy / total};
    }

    /** Copies {@code src} into {@code dst} at integer offset (dx, dy); parts falling outside are cut. */
    public static void paste(GrayImage src, GrayImage dst, int dx, int dy) {
        for (int y = 0; y < src.height; y++) {
            int ty = y + dy;
            if (ty < 0 || ty >= dst.height) {
                continue;
            }
            for (int x = 0; x < src.width; x++) {
                int tx = x + dx;
                if (tx >= 0 && tx < dst.width) {
                    dst.set(tx, ty, src.get(x, y));
                }
            }
        }
    }
}
