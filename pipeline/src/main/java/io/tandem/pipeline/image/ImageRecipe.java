package io.tandem.pipeline.image;

import java.util.Arrays;

/**
 * What an image classification model expects of its input picture, declared in the manifest's
 * {@code preprocessing} section ({@code "type": "image"}) and applied by {@link ImagePreprocessor}
 * in this order: alpha, channels, resize (+ centre crop), then {@code (v · scale − mean) / std}
 * per channel, laid out as {@code layout}. Immutable; made by {@link #builder()}, which refuses
 * a recipe that could not work with "field: expected X, found Y".
 */
public final class ImageRecipe {
    /** The largest model input side, and the largest {@code resizeTo}: the same bound as {@link RgbaImage}. */
    public static final int MAX_SIDE = RgbaImage.MAX_SIDE;

    private final int width;
    private final int height;
    private final ResizeMode resize;
    private final int resizeTo;
    private final Interpolation interpolation;
    private final ChannelOrder channels;
    private final AlphaMode alpha;
    private final int background;
    private final double scale;
    private final double[] mean;
    private final double[] std;
    private final Layout layout;

    private ImageRecipe(Builder b, int resizeTo, double[] mean, double[] std) {
        this.width = b.width;
        this.height = b.height;
        this.resize = b.resize;
        this.resizeTo = resizeTo;
        this.interpolation = b.interpolation;
        this.channels = b.channels;
        this.alpha = b.alpha;
        this.background = b.background;
        this.scale = b.scale;
        this.mean = mean;
        this.std = std;
        this.layout = b.layout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model input's width, in pixels. */
    public int width() {
        return width;
    }

    /** The model input's height, in pixels. */
    public int height() {
        return height;
    }

    public ResizeMode resize() {
        return resize;
    }

    /** The shorter side's length before the centre crop; read only by {@link ResizeMode#SHORTER_SIDE}. */
    public int resizeTo() {
        return resizeTo;
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    public ChannelOrder channels() {
        return channels;
    }

    /** How many channels the tensor has (3, or 1 for grayscale). */
    public int channelCount() {
        return channels.channels();
    }

    public AlphaMode alpha() {
        return alpha;
    }

    /** The grey level (0–255) transparent pixels are composited over. */
    public int background() {
        return background;
    }

    /** What a 0–255 pixel value is multiplied by before mean and std apply. */
    public double scale() {
        return scale;
    }

    /** One mean per tensor channel (a single declared value repeated); a copy. */
    public double[] mean() {
        return mean.clone();
    }

    /** One standard deviation per tensor channel (a single declared value repeated); a copy. */
    public double[] std() {
        return std.clone();
    }

    public Layout layout() {
        return layout;
    }

    /** The model input tensor's shape: [1, C, height, width] or [1, height, width, C]. */
    public int[] outputShape() {
        return layout.shape(channelCount(), height, width);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImageRecipe)) {
            return false;
        }
        ImageRecipe r = (ImageRecipe) o;
        return width == r.width && height == r.height && resize == r.resize && resizeTo == r.resizeTo
                && interpolation == r.interpolation && channels == r.channels && alpha == r.alpha
                && background == r.background && Double.compare(scale, r.scale) == 0
                && Arrays.equals(mean, r.mean) && Arrays.equals(std, r.std) && layout == r.layout;
    }

    @Override
    public int hashCode() {
        int h = width;
        h = 31 * h + height;
        h = 31 * h + resize.hashCode();
        h = 31 * h + resizeTo;
        h = 31 * h + interpolation.hashCode();
        h = 31 * h + channels.hashCode();
        h = 31 * h + alpha.hashCode();
        h = 31 * h + background;
        h = 31 * h + Arrays.hashCode(mean);
        h = 31 * h + Arrays.hashCode(std);
        return 31 * h + layout.hashCode();
    }

    @Override
    public String toString() {
        return "ImageRecipe(" + width + "x" + height + ", resize " + resize.wireName() + " " + resizeTo
                + ", " + interpolation.wireName() + ", " + channels.wireName() + ", alpha " + alpha.wireName()
                + " over " + background + ", scale " + scale + ", mean " + Arrays.toString(mean)
                + ", std " + Arrays.toString(std) + ", " + layout.wireName() + ")";
    }

    /**
     * Collects the fields; only {@code width} and {@code height} have no default. Defaults:
     * resize shorter-side, resizeTo max(width, height), bilinear, rgb, alpha composite over 255
     * (white), scale 1/255, mean 0, std 1, nchw — i.e. the centre of the picture, 0..1 RGB.
     */
    public static final class Builder {
        private int width;
        private int height;
        private boolean widthSet;
        private boolean heightSet;
        private ResizeMode resize = ResizeMode.SHORTER_SIDE;
        private Integer resizeTo;
        private Interpolation interpolation = Interpolation.BILINEAR;
        private ChannelOrder channels = ChannelOrder.RGB;
        private AlphaMode alpha = AlphaMode.COMPOSITE;
        private int background = 255;
        private double scale = 1 / 255.0;
        private double[] mean = {0.0};
        private double[] std = {1.0};
        private Layout layout = Layout.NCHW;

        private Builder() {
        }

        public Builder width(int width) {
            this.width = width;
            this.widthSet = true;
            return this;
        }

        public Builder height(int height) {
            this.height = height;
            this.heightSet = true;
            return this;
        }

        public Builder resize(ResizeMode resize) {
            this.resize = resize;
            return this;
        }

        public Builder resizeTo(int resizeTo) {
            this.resizeTo = resizeTo;
            return this;
        }

        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        public Builder channels(ChannelOrder channels) {
            this.channels = channels;
            return this;
        }

        public Builder alpha(AlphaMode alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder background(int background) {
            this.background = background;
            return this;
        }

        public Builder scale(double scale) {
            this.scale = scale;
            return this;
        }

        /** One value for every channel, or one per tensor channel (in tensor order: B first for bgr). */
        public Builder mean(double... mean) {
            this.mean = mean == null ? null : mean.clone();
            return this;
        }

        /** One value for every channel, or one per tensor channel (in tensor order: B first for bgr). */
        public Builder std(double... std) {
            this.std = std == null ? null : std.clone();
            return this;
        }

        public Builder layout(Layout layout) {
            this.layout = layout;
            return this;
        }

        public ImageRecipe build() {
            side("width", width, widthSet);
            side("height", height, heightSet);
            choice("resize", resize, ResizeMode.values());
            choice("interpolation", interpolation, Interpolation.values());
            choice("channels", channels, ChannelOrder.values());
            choice("alpha", alpha, AlphaMode.values());
            choice("layout", layout, Layout.values());
            int to = resizeTo != null ? resizeTo : Math.max(width, height);
            if (to < 1 || to > MAX_SIDE) {
                throw new IllegalArgumentException("resizeTo: expected an integer from 1 to " + MAX_SIDE + ", found " + to);
            }
            // The shorter side at resizeTo makes both sides at least resizeTo: the crop then always fits.
            if (resize == ResizeMode.SHORTER_SIDE && to < Math.max(width, height)) {
                throw new IllegalArgumentException("resizeTo: expected at least max(width, height) = "
                        + Math.max(width, height) + " so that the centre crop fits, found " + to);
            }
            if (background < 0 || background > 255) {
                throw new IllegalArgumentException("background: expected an integer from 0 to 255, found " + background);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale: expected a finite number > 0, found " + scale);
            }
            int c = channels.channels();
            double[] m = perChannel("mean", mean, c, false);
            double[] s = perChannel("std", std, c, true);
            return new ImageRecipe(this, to, m, s);
        }

        private static void side(String field, int value, boolean set) {
            if (!set) {
                throw new IllegalArgumentException(field + ": expected an integer from 1 to " + MAX_SIDE + ", found none");
            }
            if (value < 1 || value > MAX_SIDE) {
                throw new IllegalArgumentException(field + ": expected an integer from 1 to " + MAX_SIDE + ", found " + value);
            }
        }

        private static void choice(String field, Object value, WireNamed[] values) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": expected one of " + WireNamed.list(values) + ", found null");
            }
        }

        /** Checks the values and repeats a single one for every channel. */
        private static double[] perChannel(String field, double[] values, int channels, boolean positive) {
            if (values == null || (values.length != 1 && values.length != channels)) {
                String expected = channels == 1 ? "1 value" : "1 or " + channels + " values (one per channel)";
                throw new IllegalArgumentException(field + ": expected " + expected + ", found "
                        + (values == null ? "null" : values.length + (values.length == 1 ? " value" : " values")));
            }
            double[] out = new double[channels];
            for (int i = 0; i < channels; i++) {
                double v = values[values.length == 1 ? 0 : i];
                boolean ok = positive ? v > 0 && !Double.isInfinite(v) : !Double.isNaN(v) && !Double.isInfinite(v);
                if (!ok) {
                    throw new IllegalArgumentException(field + "[" + (values.length == 1 ? 0 : i) + "]: expected a finite number"
                            + (positive ? " > 0" : "") + ", found " + v);
                }
                out[i] = v;
            }
            return out;
        }
    }
}
