package io.tandem.pipeline.image;

/**
 * How a resized pixel is computed from the source pixels. All three place pixel centres at
 * half-integer coordinates, so a picture scaled by 2 lands between source pixels, not on them.
 */
public enum Interpolation implements WireNamed {
    /**
     * The four nearest source pixels, weighted by distance, at source coordinate
     * {@code (dst + 0.5) · src/dst − 0.5} clamped to the picture: PyTorch's and OpenCV's bilinear
     * without anti-aliasing. Shrinking by much more than 2 skips pixels (aliasing): use AREA there.
     */
    BILINEAR("bilinear"),
    /**
     * The exact mean of the source area each resized pixel covers, partial pixels at its edges
     * weighted by their overlap (PIL's BOX filter, OpenCV's INTER_AREA when shrinking).
     */
    AREA("area"),
    /** The source pixel under the resized pixel's centre, {@code floor((dst + 0.5) · src/dst)} (PIL's NEAREST). */
    NEAREST("nearest");

    private final String wireName;

    Interpolation(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Interpolation fromWireName(String name) {
        return WireNamed.parse(values(), name);
    }

    /** The accepted names, in declaration order (the first is the default). */
    public static String[] wireNames() {
        return WireNamed.names(values());
    }
}
