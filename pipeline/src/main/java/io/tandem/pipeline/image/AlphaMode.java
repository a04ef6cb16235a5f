package io.tandem.pipeline.image;

/** What a pixel's transparency does to its colour. */
public enum AlphaMode implements WireNamed {
    /**
     * Blend each pixel over a grey {@code background} by its alpha. A canvas a user drew on is
     * transparent (RGBA 0, 0, 0, 0) wherever nothing was drawn and the page shows it on its own
     * background; without blending those pixels would reach the model as black.
     */
    COMPOSITE("composite"),
    /** Use the stored colour and drop alpha, as PIL's {@code convert("RGB")} does. */
    IGNORE("ignore");

    private final String wireName;

    AlphaMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static AlphaMode fromWireName(String name) {
        return WireNamed.parse(values(), name);
    }

    /** The accepted names, in declaration order (the first is the default). */
    public static String[] wireNames() {
        return WireNamed.names(values());
    }
}
