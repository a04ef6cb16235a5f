package io.tandem.pipeline.tabular;

/** How a value's type reads in an error message: "a number (3.5)", "a string ('x')". */
final class TypeNames {
    private TypeNames() {
    }

    static String of(Object value) {
        if (value instanceof Number) {
            return "a number (" + value + ")";
        }
        if (value instanceof String) {
            return "a string ('" + value + "')";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof java.util.List) {
            return "an array";
        }
        if (value instanceof java.util.Map) {
            return "an object";
        }
        return "a value of an unsupported type";
    }
}
