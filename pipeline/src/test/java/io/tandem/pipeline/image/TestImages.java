package io.tandem.pipeline.image;

/** Tiny pictures built in code, for the image recipe tests. */
final class TestImages {
    /** The colour of a pixel: {r, g, b, a}, each 0–255. */
    interface Paint {
        int[] at(int x, int y);
    }

    private TestImages() {
    }

    static RgbaImage of(int width, int height, Paint paint) {
        byte[] px = new byte[width * height * 4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = paint.at(x, y);
                int i = (y * width + x) * 4;
                for (int k = 0; k < 4; k++) {
                    px[i + k] = (byte) c[k];
                }
            }
        }
        return new RgbaImage(width, height, px);
    }

    /** Opaque grey levels, row-major. */
    static RgbaImage gray(int width, int height, int... levels) {
        return of(width, height, (x, y) -> {
            int v = levels[y * width + x];
            return new int[] {v, v, v, 255};
        });
    }

    static RgbaImage solid(int width, int height, int r, int g, int b, int a) {
        return of(width, height, (x, y) -> new int[] {r, g, b, a});
    }

    /** Random opaque colours from a fixed seed (a linear congruential generator, no platform RNG). */
    static RgbaImage noise(int width, int height, long seed) {
        long[] state = {seed};
        return of(width, height, (x, y) -> {
            int[] c = new int[4];
            for (int k = 0; k < 3; k++) {
                state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
                c[k] = (int) ((state[0] >>> 33) & 0xFF);
            }
            c[3] = 255;
            return c;
        });
    }

    static ImageRecipe.Builder recipe(int width, int height) {
        return ImageRecipe.builder().width(width).height(height);
    }
}
