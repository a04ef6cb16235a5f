package io.tandem.pipeline.recipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One declared field of a preprocessing or postprocessing section: its name, the kind of value it
 * takes, its default and what it means. Declared once, it is what refuses a wrong recipe, what the
 * published JSON Schema is generated from and what the docs list.
 */
public final class Option {
    /** The JSON value a field takes. */
    public enum Kind {
        STRING("a string"),
        CHOICE("one of the listed strings"),
        INTEGER("an integer"),
        NUMBER("a number"),
        /** One number for every channel, or an array with one number per channel. */
        NUMBERS("a number or an array of numbers"),
        BOOLEAN("true or false"),
        STRINGS("an array of strings"),
        OBJECTS("an array of objects");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String name;
    private final Kind kind;
    private final String description;
    private final boolean required;
    private final Object defaultValue;
    private final List<String> choices;
    private final double min;
    private final double max;

    private Option(String name, Kind kind, String description, boolean required, Object defaultValue,
                   List<String> choices, double min, double max) {
        this.name = name;
        this.kind = kind;
        this.description = description;
        this.required = required;
        this.defaultValue = defaultValue;
        this.choices = choices;
        this.min = min;
        this.max = max;
    }

    public static Option of(String name, Kind kind, String description) {
        return new Option(name, kind, description, false, null, Collections.<String>emptyList(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public static Option choice(String name, String description, String... choices) {
        List<String> list = new ArrayList<>();
        Collections.addAll(list, choices);
        return new Option(name, Kind.CHOICE, description, false, list.get(0), Collections.unmodifiableList(list),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public Option required() {
        return new Option(name, kind, description, true, null, choices, min, max);
    }

    /** The value an absent field means; documentation only, each processor applies its own. */
    public Option defaultsTo(Object value) {
        return new Option(name, kind, description, false, value, choices, min, max);
    }

    /** Bounds for INTEGER, NUMBER and NUMBERS values, inclusive. */
    public Option between(double min, double max) {
        return new Option(name, kind, description, required, defaultValue, choices, min, max);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    /** Null when the field has no default (it is required, or absent means "not used"). */
    public Object defaultValue() {
        return defaultValue;
    }

    public List<String> choices() {
        return choices;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
