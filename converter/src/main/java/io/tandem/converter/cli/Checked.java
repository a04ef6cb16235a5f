package io.tandem.converter.cli;

import io.tandem.converter.bundle.Recipe;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

/**
 * Range-checked option types, named in an option's {@code converter}: picocli refuses a bad value
 * while it parses the command line (one line, exit 2), before the command does any work, and the
 * same rule holds for every command that takes such a value. Defaults pass through them too.
 */
final class Checked {
    private Checked() {
    }

    /** A finite number from 0 to 1: gates (cosine, top-1 agreement) and SmoothQuant's alpha (0: off). */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value);
            if (!(d >= 0 && d <= 1)) {
                throw new TypeConversionException("expected a number from 0 to 1, found '" + value + "'");
            }
            return d;
        }
    }

    /** A whole number of at least 1: counts of runs, sentences. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value);
            if (n < 1) {
                throw new TypeConversionException("expected a whole number of at least 1, found '" + value + "'");
            }
            return n;
        }
    }

    /** A whole number of at least 0 (0: none). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value);
            if (n < 0) {
                throw new TypeConversionException("expected a whole number of at least 0, found '" + value + "'");
            }
            return n;
        }
    }

    /** A task of the registry ({@code Tasks}); an unknown one is refused with the list. */
    static final class TaskName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            List<String> known = Tasks.all().stream().map(TaskType::wireName).toList();
            if (!known.contains(value)) {
                throw new TypeConversionException("expected one of " + known + ", found '" + value + "'");
            }
            return value;
        }
    }

    /** A device a variant may target: wasm, webgpu or server. */
    static final class Device implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Recipe.DEVICES.contains(value)) {
                throw new TypeConversionException("expected one of " + Recipe.DEVICES + ", found '" + value + "'");
            }
            return value;
        }
    }

    /** A bundle id, also its folder's name: lower-case letters, digits, '.', '_', '-'. */
    static final class BundleId implements ITypeConverter<String> {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

        @Override
        public String convert(String value) {
            if (!ID.matcher(value).matches()) {
                throw new TypeConversionException("expected lower-case letters, digits, '.', '_' or '-' (at most 64, starting with a "
                        + "letter or digit), found '" + value + "'");
            }
            return value;
        }
    }

    /** Text that is not blank (a title). */
    static final class Text implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("expected some text, found '" + value + "'");
            }
            return value;
        }
    }

    private static double number(String value) {
        try {
            // Double.parseDouble also reads "NaN", "Infinity" and hex floats: only finite values pass the range checks.
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a number, found '" + value + "'");
        }
    }

    private static int whole(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a whole number, found '" + value + "'");
        }
    }
}
