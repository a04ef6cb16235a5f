package io.tandem.server.models;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bundle folder of the models folder that did not load: its folder name, one line saying why
 * (paths relative to the models folder, so nothing about the host leaks to a caller), and when.
 * Listed by {@code /ready} and {@code GET /api/v1/models}; the other bundles serve regardless.
 */
public record BrokenBundle(String id, String reason, Instant since) {
    /** A reason is one line of at most this many characters. */
    static final int MAX_REASON = 300;

    public BrokenBundle {
        reason = oneLine(reason);
    }

    /** The JSON shape both endpoints list: {@code {"id", "reason", "since"}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("reason", reason);
        m.put("since", since.toString());
        return m;
    }

    private static String oneLine(String text) {
        String s = text == null || text.isBlank() ? "unknown failure" : text.strip();
        StringBuilder out = new StringBuilder();
        boolean space = false;
        int i = 0;
        for (; i < s.length() && out.length() < MAX_REASON; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (i < s.length() || out.length() > MAX_REASON) {
            out.setLength(MAX_REASON - 1);
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('…');
        }
        return out.toString();
    }
}
