package io.tandem.client;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code String.split} on one character, without regular expressions: TeaVM's {@code split}
 * compiles a {@code java.util.regex.Pattern} even for one plain character, and that package was a
 * quarter of {@code tandem.js}.
 */
final class Split {
    private Split() {
    }

    /** {@code text.split(separator, -1)}: every part, empty ones and a trailing empty one included. */
    static List<String> all(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            parts.add(text.substring(from, at));
            from = at + 1;
        }
        parts.add(text.substring(from));
        return parts;
    }

    /** {@code text.split(separator)}: as {@link #all}, less the trailing empty parts. */
    static List<String> dropTrailingEmpty(String text, char separator) {
        List<String> parts = all(text, separator);
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        if (parts.size() == 1 && parts.get(0).isEmpty() && !text.isEmpty()) {
            parts.clear();
        }
        return parts;
    }
}
