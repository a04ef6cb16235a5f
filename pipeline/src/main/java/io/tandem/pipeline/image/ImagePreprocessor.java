package io.tandem.pipeline.image;

import io.tandem.pipeline.tensor.Tensor;

/**
 * Turns a picture into the float tensor an image classifier expects, as its {@link ImageRecipe}
 * says: alpha and channels per source pixel, resize and centre crop in one pass (only the
 * cropped pixels are ever computed), then {@code (v · scale − mean[c]) / std[c]}.
 *
 * <p>Every step is double arithmetic of +, −, ×, ÷ and floor, which IEEE 754 defines to the bit,
 * and each tensor value is rounded to float exactly once: the JVM and TeaVM's JavaScript (float64
 * throughout) give the same bits. The work is bounded by the source pixels plus the crop's.
 */
public final class ImagePreprocessor {
    private final ImageRecipe recipe;
    private final PixelReader reader;
    private final double scale;
    private final double[] mean;
    private final double[] std;

    public ImagePreprocessor(ImageRecipe recipe) {
        this.recipe = recipe;
        this.reader = new PixelReader(recipe);
        this.scale = recipe.scale();
        this.mean = recipe.mean();
        this.std = recipe.std();
    }

    public ImageRecipe recipe() {
        return recipe;
    }

    /** [1, C, height, width] or [1, height, width, C]. */
    public int[] outputShape() {
        return recipe.outputShape();
    }

    public Tensor toTensor(RgbaImage image) {
        return normalise(resized(image));
    }

    /** The resized and cropped picture, channels in tensor order, values 0–255. */
    public PlanarImage resized(RgbaImage image) {
        ResizeGeometry g = ResizeGeometry.of(recipe, image.width(), image.height());
        AxisTaps xs;
        AxisTaps ys;
        if (recipe.resize() == ResizeMode.NONE) {
            xs = AxisTaps.identity(g.left, recipe.width());
            ys = AxisTaps.identity(g.top, recipe.height());
        } else {
            xs = AxisTaps.of(recipe.interpolation(), image.width(), g.resizedWidth, g.left, recipe.width());
            ys = AxisTaps.of(recipe.interpolation(), image.height(), g.resizedHeight, g.top, recipe.height());
        }
        return resample(image, xs, ys);
    }

    /** (v · scale − mean[c]) / std[c] in double, rounded to float once per value, in the recipe's layout. */
    public Tensor normalise(PlanarImage image) {
        int c = recipe.channelCount();
        int w = recipe.width();
        int h = recipe.height();
        if (image.channels() != c || image.width() != w || image.height() != h) {
            throw new IllegalArgumentException("expected a " + c + "x" + w + "x" + h + " planar image, found "
                    + image.channels() + "x" + image.width() + "x" + image.height());
        }
        Layout layout = recipe.layout();
        double[] v = image.values();
        float[] data = new float[v.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double px = v[(ch * h + y) * w + x];
                    data[layout.index(ch, x, y, c, h, w)] = (float) ((px * scale - mean[ch]) / std[ch]);
                }
            }
        }
        return Tensor.ofFloats(outputShape(), data);
    }

    /** Σ_rows wy · (Σ_columns wx · pixel), per channel, in this fixed order. */
    private PlanarImage resample(RgbaImage image, AxisTaps xs, AxisTaps ys) {
        int c = recipe.channelCount();
        int w = xs.count();
        int h = ys.count();
        int sourceWidth = image.width();
        byte[] rgba = image.rgba();
        double[] out = new double[c * w * h];
        double[] px = new double[c];
        double[] row = new double[c];
        double[] acc = new double[c];
        for (int oy = 0; oy < h; oy++) {
            int y0 = ys.first(oy);
            double[] wy = ys.weights(oy);
            for (int ox = 0; ox < w; ox++) {
                int x0 = xs.first(ox);
                double[] wx = xs.weights(ox);
                for (int ch = 0; ch < c; ch++) {
                    acc[ch] = 0.0;
                }
                for (int j = 0; j < wy.length; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        row[ch] = 0.0;
                    }
                    int base = (y0 + j) * sourceWidth + x0;
                    for (int i = 0; i < wx.length; i++) {
                        reader.read(rgba, base + i, px);
                        for (int ch = 0; ch < c; ch++) {
                            row[ch] += wx[i] * px[ch];
                        }
                    }
                    for (int ch = 0; ch < c; ch++) {
                        acc[ch] += wy[j] * row[ch];
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    out[(ch * h + oy) * w + ox] = acc[ch];
                }
            }
        }
        return new PlanarImage(c, w, h, out);
    }
}
