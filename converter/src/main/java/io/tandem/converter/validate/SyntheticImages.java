package io.tandem.converter.validate;

import io.tandem.pipeline.image.RgbaImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Images to compare an image model's variants on when the caller has none: colour gradients,
 * stripes, blobs and noise at several sizes and aspect ratios, from a fixed seed so every machine
 * makes the same ones. They exercise the preprocessing (resize, crop, channel order) and spread the
 * model's activations; they are no stand-in for real images in a drift reference, which is why
 * {@link SampleSet#representative} says so.
 */
final class SyntheticImages {
    static final int COUNT = 96;
    private static final long SEED = 20261203L;
    private static final int[][] SIZES = {{64, 64}, {96, 72}, {72, 96}, {128, 128}, {40, 40}, {300, 200}};

    private SyntheticImages() {
    }

    static List<RgbaImage> all() {
        Random random = new Random(SEED);
        List<RgbaImage> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            int[] size = SIZES[i % SIZES.length];
            out.add(image(i % 4, size[0], size[1], random));
        }
        return out;
    }

    private static RgbaImage image(int pattern, int w, int h, Random random) {
        byte[] rgba = new byte[w * h * 4];
        int[] c0 = colour(random);
        int[] c1 = colour(random);
        int period = 4 + random.nextInt(24);
        int cx = random.nextInt(w);
        int cy = random.nextInt(h);
        int radius = 4 + random.nextInt(Math.max(1, Math.min(w, h) / 2));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t;
                switch (pattern) {
                    case 0: // diagonal gradient
                        t = (double) (x + y) / (w + h - 2);
                        break;
                    case 1: // stripes
                        t = ((x / period) % 2 == 0) ? 0 : 1;
                        break;
                    case 2: // a disc on a background
                        t = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius ? 1 : 0;
                        break;
                    default: // noise
                        t = random.nextDouble();
                }
                int i = (y * w + x) * 4;
                for (int c = 0; c < 3; c++) {
                    rgba[i + c] = (byte) (int) Math.round(c0[c] + t * (c1[c] - c0[c]));
                }
                rgba[i + 3] = (byte) 255;
            }
        }
        return new RgbaImage(w, h, rgba);
    }

    private static int[] colour(Random random) {
        return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    }
}
