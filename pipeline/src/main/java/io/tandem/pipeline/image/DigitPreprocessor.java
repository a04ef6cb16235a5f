package io.tandem.pipeline.image;

import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tensor.Tensor;

/**
 * Turns any picture of one digit (a canvas drawing, a photo) into the 1×1×28×28 tensor an MNIST
 * model expects, the way MNIST itself was made: grey ink on black, cropped to the ink, scaled to
 * fit a 20×20 box keeping the aspect ratio, placed in 28×28 with its centre of mass in the middle,
 * then normalised with the training set's mean and standard deviation.
 */
public final class DigitPreprocessor {
    /** Pixels at most this bright (of 255, after stretching) are treated as background. */
    static final double INK_THRESHOLD = 32.0;

    private final int size;
    private final int box;
    private final double mean;
    private final double std;

    public DigitPreprocessor(int size, int box, double mean, double std) {
        if (box <= 0 || box > size) {
            throw new IllegalArgumentException("box " + box + " must be between 1 and the size " + size);
        }
        if (!(std > 0)) {
            throw new IllegalArgumentException("std must be positive, got " + std);
        }
        this.size = size;
        this.box = box;
        this.mean = mean;
        this.std = std;
    }

    /** Reads {@code {size, box, mean, std}} from a manifest's preprocessing section. */
    public static DigitPreprocessor fromConfig(JsonObject config) {
        return new DigitPreprocessor((int) config.integer("size", 28), (int) config.integer("box", 20),
                config.number("mean"), config.number("std"));
    }

    /** The centred digit, intensities in [0, 255], before normalisation. */
    public GrayImage centredDigit(RgbaImage image) {
        GrayImage ink = ImageOps.toInk(ImageOps.grayscaleOverWhite(image));
        GrayImage canvas = new GrayImage(size, size);
        int[] b = ImageOps.inkBounds(ink, INK_THRESHOLD);
        if (b == null) {
            return canvas;
        }
        GrayImage digit = ImageOps.crop(ink, b[0], b[1], b[2], b[3]);
        int w = digit.width();
        int h = digit.height();
        // Longer side to `box` pixels; the shorter keeps the aspect ratio, at least one pixel.
        int outW = w >= h ? box : Math.max(1, (int) Math.round((double) box * w / h));
        int outH = h >= w ? box : Math.max(1, (int) Math.round((double) box * h / w));
        GrayImage scaled = ImageOps.resizeArea(digit, outW, outH);
        double[] com = ImageOps.centreOfMass(scaled);
        // MNIST put the centre of mass at pixel index 14 of 28 (index coordinates, not pixel
        // centres): measured here, this convention keeps MNIST digits exactly as they are, the
        // other shifts half of them by a pixel and costs 0.6% accuracy.
        int dx = (int) Math.round(size / 2.0 - com[0]);
        int dy = (int) Math.round(size / 2.0 - com[1]);
        ImageOps.paste(scaled, canvas, dx, dy);
        return canvas;
    }

    public Tensor toTensor(RgbaImage image) {
        return normalise(centredDigit(image));
    }

    /** (x / 255 − mean) / std in double, rounded to float once per value (see {@link GrayImage}). */
    public Tensor normalise(GrayImage digit) {
        double[] px = digit.pixels();
        float[] data = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            data[i] = (float) ((px[i] / 255.0 - mean) / std);
        }
        return Tensor.ofFloats(new int[] {1, 1, size, size}, data);
    }
}
