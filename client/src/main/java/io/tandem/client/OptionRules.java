package io.tandem.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code load()} accepts in its options object, checked before anything is fetched: a typo
 * ({@code thread: 2}) or a wrong type ({@code threads: 'many'}, {@code fallback: 'no'}) is refused
 * with a sentence naming the option and what it takes, instead of being silently ignored. Plain
 * Java (the values' JavaScript types come in as {@code typeof} names), so the rules are tested on
 * the JVM.
 */
final class OptionRules {
    /** What an option takes. */
    enum Kind {
        STRING("a string"),
        BOOLEAN("true or false"),
        FUNCTION("a function"),
        THREADS("a whole number from 1 to 64"),
        REPORT_EVERY("a whole number from 1 to 1000"),
        MILLISECONDS("a number of milliseconds ≥ 0");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    static final Map<String, Kind> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("device", Kind.STRING);
        KNOWN.put("variant", Kind.STRING);
        KNOWN.put("baseUrl", Kind.STRING);
        KNOWN.put("onProgress", Kind.FUNCTION);
        KNOWN.put("fallback", Kind.BOOLEAN);
        KNOWN.put("threads", Kind.THREADS);
        KNOWN.put("worker", Kind.BOOLEAN);
        KNOWN.put("shareStats", Kind.BOOLEAN);
        KNOWN.put("shareStatsEvery", Kind.REPORT_EVERY);
        KNOWN.put("_simulateFailure", Kind.STRING);
        KNOWN.put("_simulateWarmUpMs", Kind.MILLISECONDS);
    }

    private OptionRules() {
    }

    /**
     * null when {@code key} may have this value; otherwise the sentence for the page. {@code jsType}
     * is the value's {@code typeof} ('null' for null); {@code number} its value when it is a number.
     */
    static String check(String key, String jsType, double number) {
        Kind kind = KNOWN.get(key);
        if (kind == null) {
            return "unknown option '" + shorten(key) + "'; load() takes " + String.join(", ", KNOWN.keySet()).replace(", _simulateFailure, _simulateWarmUpMs", "");
        }
        if (jsType.equals("null") || jsType.equals("undefined")) {
            return null; // absent: the default
        }
        boolean ok = switch (kind) {
            case STRING -> jsType.equals("string");
            case BOOLEAN -> jsType.equals("boolean");
            case FUNCTION -> jsType.equals("function");
            case THREADS -> jsType.equals("number") && whole(number) && number >= 1 && number <= 64;
            case REPORT_EVERY -> jsType.equals("number") && whole(number) && number >= 1 && number <= 1000;
            case MILLISECONDS -> jsType.equals("number") && number >= 0 && number < Double.POSITIVE_INFINITY;
        };
        return ok ? null : "option " + key + " takes " + kind.expected + ", not " + (jsType.equals("number") ? format(number) : aOrAn(jsType));
    }

    /** "a string", "an object": a JavaScript type name as the messages say it. */
    static String aOrAn(String jsType) {
        return ("aeiou".indexOf(jsType.isEmpty() ? 'x' : jsType.charAt(0)) >= 0 ? "an " : "a ") + jsType;
    }

    private static boolean whole(double v) {
        return v == Math.floor(v) && !Double.isInfinite(v);
    }

    private static String format(double v) {
        return v == Math.floor(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A hostile page may pass a megabyte-long key: the message names at most 40 characters of it. */
    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
