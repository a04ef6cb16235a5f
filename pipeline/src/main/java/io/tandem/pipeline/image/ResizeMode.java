package io.tandem.pipeline.image;

/** How the picture is brought to the model's width × height. */
public enum ResizeMode implements WireNamed {
    /**
     * Scale so the shorter side is {@code resizeTo} pixels, keeping the aspect ratio (the longer
     * side rounded down, as torchvision's {@code Resize(int)} does), then cut the centre
     * width × height out of it: the usual evaluation transform of ImageNet classifiers.
     */
    SHORTER_SIDE("shorter-side"),
    /** Stretch straight to width × height; the aspect ratio is not kept and nothing is cut. */
    EXACT("exact"),
    /** No resampling: the centre width × height is cut out; a smaller picture is refused. */
    NONE("none");

    private final String wireName;

    ResizeMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static ResizeMode fromWireName(String name) {
        return WireNamed.parse(values(), name);
    }

    /** The accepted names, in declaration order (the first is the default). */
    public static String[] wireNames() {
        return WireNamed.names(values());
    }
}
