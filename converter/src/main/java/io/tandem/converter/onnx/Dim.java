package io.tandem.converter.onnx;

/**
 * One dimension of a declared shape: fixed ({@code 28}), symbolic ({@code "batch_size"}) or
 * unknown (ONNX allows neither value nor name; shown as {@code ?}).
 */
public record Dim(Long value, String symbol) {
    public static Dim fixed(long value) {
        return new Dim(value, null);
    }

    public static Dim symbolic(String symbol) {
        return new Dim(null, symbol);
    }

    public static Dim unknown() {
        return new Dim(null, null);
    }

    public boolean isFixed() {
        return value != null;
    }

    /** For JSON: a number, a name, or null when unknown. */
    public Object toJson() {
        return value != null ? (Object) value : symbol;
    }

    @Override
    public String toString() {
        return value != null ? value.toString() : symbol != null ? symbol : "?";
    }
}
