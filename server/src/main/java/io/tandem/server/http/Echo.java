package io.tandem.server.http;

/**
 * The one place a caller's value is put into an error message: cut to {@link #MAX_CHARS}
 * characters with an ellipsis and kept on one line, so a message never grows with the input
 * (a 16 MiB field name echoed back is an amplifier, and a newline in it forges log lines).
 */
public final class Echo {
    public static final int MAX_CHARS = 100;

    private Echo() {
    }

    /** Longest error message sent: a net under messages made elsewhere (the pipeline's) that quote input. */
    static final int MAX_MESSAGE_CHARS = 400;

    public static String of(Object value) {
        return cut(String.valueOf(value), MAX_CHARS);
    }

    static String message(String message) {
        return message == null ? "" : cut(message, MAX_MESSAGE_CHARS);
    }

    private static String cut(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair && out.length() + 2 <= max) {
                out.append(c).append(s.charAt(++i));
            } else if (pair) {
                break;
            } else {
                out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
            }
        }
        if (s.length() > max) {
            out.append('…');
        }
        return out.toString();
    }
}
