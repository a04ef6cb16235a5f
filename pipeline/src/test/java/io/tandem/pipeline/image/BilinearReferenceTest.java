package io.tandem.pipeline.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bilinear resize + centre crop against a second, independent implementation written the
 * plain textbook way (resize the whole picture with PyTorch's align_corners=false formula, then
 * cut the crop out), on random pictures shrunk, enlarged and cropped.
 */
class BilinearReferenceTest {
    /** Full-size bilinear of one channel: src = (dst + 0.5)·in/out − 0.5, clamped, as PyTorch writes it. */
    static double[][] reference(double[][] src, int outW, int outH, double shift) {
        int inH = src.length;
        int inW = src[0].length;
        double sx = (double) inW / outW;
        double sy = (double) inH / outH;
        double[][] out = new double[outH][outW];
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + shift) * sy - shift);
            int y0 = Math.min((int) fy, inH - 1);
            int y1 = Math.min(y0 + 1, inH - 1);
            double ly = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + shift) * sx - shift);
                int x0 = Math.min((int) fx, inW - 1);
                int x1 = Math.min(x0 + 1, inW - 1);
                double lx = fx - x0;
                out[y][x] = (1 - ly) * ((1 - lx) * src[y0][x0] + lx * src[y0][x1])
                        + ly * ((1 - lx) * src[y1][x0] + lx * src[y1][x1]);
            }
        }
        return out;
    }

    static double[][] channel(RgbaImage image, int c) {
        double[][] out = new double[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out[y][x] = image.rgba()[(y * image.width() + x) * 4 + c] & 0xFF;
            }
        }
        return out;
    }

    /** Largest difference between the preprocessor's crop and the reference's, over all channels. */
    static double maxDifference(RgbaImage image, ImageRecipe recipe, double shift) {
        PlanarImage mine = new ImagePreprocessor(recipe).resized(image);
        int rw;
        int rh;
        if (recipe.resize() == ResizeMode.EXACT) {
            rw = recipe.width();
            rh = recipe.height();
        } else if (image.width() <= image.height()) {
            rw = recipe.resizeTo();
            rh = recipe.resizeTo() * image.height() / image.width();
        } else {
            rh = recipe.resizeTo();
            rw = recipe.resizeTo() * image.width() / image.height();
        }
        int left = (int) Math.round(Math.rint((rw - recipe.width()) / 2.0));
        int top = (int) Math.round(Math.rint((rh - recipe.height()) / 2.0));
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            double[][] ref = reference(channel(image, c), rw, rh, shift);
            for (int y = 0; y < recipe.height(); y++) {
                for (int x = 0; x < recipe.width(); x++) {
                    worst = Math.max(worst, Math.abs(mine.get(c, x, y) - ref[y + top][x + left]));
                }
            }
        }
        return worst;
    }

    @Test
    void matchesTheTextbookFormulaShrinkingEnlargingAndCropping() {
        int[][] cases = {
                // source w, h, model w, h, resizeTo (0: exact)
                {4, 4, 2, 2, 0}, {7, 5, 3, 9, 0}, {5, 3, 11, 13, 0}, {1, 1, 3, 2, 0}, {9, 1, 4, 3, 0},
                {300, 200, 224, 224, 256}, {200, 300, 224, 224, 256}, {37, 23, 16, 16, 20},
                {17, 29, 12, 15, 15}, {64, 64, 31, 31, 33}, {10, 30, 40, 40, 41},
        };
        long seed = 1;
        for (int[] k : cases) {
            RgbaImage image = TestImages.noise(k[0], k[1], seed++);
            ImageRecipe.Builder b = TestImages.recipe(k[2], k[3]);
            ImageRecipe recipe = k[4] == 0 ? b.resize(ResizeMode.EXACT).build() : b.resizeTo(k[4]).build();
            assertThat(maxDifference(image, recipe, 0.5)).as("case %dx%d -> %dx%d / %d", k[0], k[1], k[2], k[3], k[4])
                    .isLessThan(1e-9);
        }
    }

    @Test
    void theComparisonSeesAHalfPixelShift() {
        // The same reference sampling at dst·scale (no half-pixel centres) is far off: the check has teeth.
        RgbaImage image = TestImages.noise(300, 200, 7);
        ImageRecipe recipe = TestImages.recipe(224, 224).resizeTo(256).build();
        assertThat(maxDifference(image, recipe, 0.5)).isLessThan(1e-9);
        assertThat(maxDifference(image, recipe, 0.0)).isGreaterThan(10.0);
    }
}
