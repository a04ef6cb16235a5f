package io.tandem.pipeline.recipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The fields a processor type declares, and the check every recipe and manifest section goes
 * through before a processor reads it: unknown fields, missing required ones, wrong kinds and
 * out-of-range values are refused with the field's name, what was expected and what was found.
 * The converter runs it at import, the server and the browser when they open a bundle.
 */
public final class OptionSet {
    /** Every section carries its type; it is checked by the registry, not by the type's options. */
    public static final String TYPE = "type";

    private final List<Option> options;

    private OptionSet(List<Option> options) {
        this.options = Collections.unmodifiableList(new ArrayList<>(options));
    }

    public static OptionSet of(Option... options) {
        List<Option> list = new ArrayList<>();
        Collections.addAll(list, options);
        return new OptionSet(list);
    }

    public List<Option> options() {
        return options;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Option o : options) {
            names.add(o.name());
        }
        return names;
    }

    /**
     * @param where the section's path for messages, e.g. "preprocessing"
     * @param type the section's type, named in messages ("known fields of 'image'")
     * @throws RecipeException listing every problem found, not just the first
     */
    public void check(Map<String, Object> section, String where, String type) {
        List<String> problems = new ArrayList<>();
        for (String key : section.keySet()) {
            if (!TYPE.equals(key) && find(key) == null) {
                problems.add(where + "." + key + ": unknown field for type '" + type + "' (known fields: " + names() + ")");
            }
        }
        for (Option o : options) {
            Object value = section.get(o.name());
            if (value == null) {
                if (o.isRequired()) {
                    problems.add(where + "." + o.name() + ": expected " + o.kind().description() + ", found nothing (the field is required)");
                }
                continue;
            }
            String problem = problem(o, value);
            if (problem != null) {
                problems.add(where + "." + o.name() + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new RecipeException(join(problems));
        }
    }

    private Option find(String name) {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** Null when the value suits the option, else "expected …, found …". */
    static String problem(Option o, Object value) {
        switch (o.kind()) {
            case STRING:
                return value instanceof String ? null : expected(o, value);
            case CHOICE:
                if (!(value instanceof String) || !o.choices().contains(value)) {
                    return "expected one of " + o.choices() + ", found " + describe(value);
                }
                return null;
            case INTEGER:
                if (!(value instanceof Number) || ((Number) value).doubleValue() != Math.rint(((Number) value).doubleValue())) {
                    return expected(o, value);
                }
                return range(o, ((Number) value).doubleValue());
            case NUMBER:
                return value instanceof Number ? range(o, ((Number) value).doubleValue()) : expected(o, value);
            case NUMBERS:
                if (value instanceof Number) {
                    return range(o, ((Number) value).doubleValue());
                }
                if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
                    return expected(o, value);
                }
                for (Object item : (List<?>) value) {
                    if (!(item instanceof Number)) {
                        return expected(o, value);
                    }
                    String r = range(o, ((Number) item).doubleValue());
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            case BOOLEAN:
                return value instanceof Boolean ? null : expected(o, value);
            case STRINGS:
                if (!(value instanceof List)) {
                    return expected(o, value);
                }
                for (Object item : (List<?>) value) {
                    if (!(item instanceof String)) {
                        return expected(o, value);
                    }
                }
                return null;
            case OBJECTS:
                if (!(value instanceof List)) {
                    return expected(o, value);
                }
                for (Object item : (List<?>) value) {
                    if (!(item instanceof Map)) {
                        return expected(o, value);
                    }
                }
                return null;
            default:
                return "cannot check a field of kind " + o.kind();
        }
    }

    private static String range(Option o, double v) {
        if (Double.isNaN(v) || v < o.min() || v > o.max()) {
            return "expected a value from " + number(o.min()) + " to " + number(o.max()) + ", found " + number(v);
        }
        return null;
    }

    private static String expected(Option o, Object value) {
        return "expected " + o.kind().description() + ", found " + describe(value);
    }

    /** The found value as a user would recognise it: its JSON kind, and the value when short. */
    static String describe(Object value) {
        if (value instanceof String) {
            String s = (String) value;
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (value instanceof Number) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List) {
            return "an array of " + ((List<?>) value).size();
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "null";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String join(List<String> problems) {
        StringBuilder sb = new StringBuilder();
        for (String p : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
