package io.tandem.pipeline.image;

/** Where the channel axis sits in the model's input tensor. */
public enum Layout implements WireNamed {
    /** [1, C, H, W]: PyTorch exports. */
    NCHW("nchw"),
    /** [1, H, W, C]: TensorFlow / Keras exports. */
    NHWC("nhwc");

    private final String wireName;

    Layout(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Layout fromWireName(String name) {
        return WireNamed.parse(values(), name);
    }

    /** The accepted names, in declaration order (the first is the default). */
    public static String[] wireNames() {
        return WireNamed.names(values());
    }

    /** The tensor shape for one image of {@code channels} × {@code height} × {@code width}. */
    public int[] shape(int channels, int height, int width) {
        return this == NCHW ? new int[] {1, channels, height, width} : new int[] {1, height, width, channels};
    }

    /** The position in the flat tensor of channel {@code c} of pixel (x, y). */
    public int index(int c, int x, int y, int channels, int height, int width) {
        return this == NCHW ? (c * height + y) * width + x : (y * width + x) * channels + c;
    }
}
