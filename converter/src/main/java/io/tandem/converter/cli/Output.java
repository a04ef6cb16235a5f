package io.tandem.converter.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Small text-layout helpers shared by the commands' human-readable output. */
final class Output {
    private Output() {
    }

    /** {@code label} padded to a column, then the value: "sha256       abc…". */
    static String field(String label, Object value) {
        return String.format("%-13s%s", label, value);
    }

    static String shape(List<Object> dims) {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    static int width(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(0);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
