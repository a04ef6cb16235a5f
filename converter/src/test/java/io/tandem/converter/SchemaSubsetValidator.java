package io.tandem.converter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft 2020-12) validator for exactly the keywords {@code RecipeSchema} writes:
 * type, enum, const, required, properties, additionalProperties, items, minItems, oneOf, allOf,
 * if/then, minimum, maximum, exclusiveMinimum, pattern and local {@code $ref}s into {@code $defs};
 * title, description and default are annotations. Any other keyword is refused, so the generator
 * cannot start relying on one this validator would silently skip.
 *
 * <p>Written for the tests because no JSON Schema library is a dependency of the converter (a
 * cross-check against networknt's json-schema-validator agreed on the committed files).
 */
final class SchemaSubsetValidator {
    private static final Set<String> KEYWORDS = Set.of("$schema", "$defs", "$ref", "title", "description", "default",
            "type", "enum", "const", "required", "properties", "additionalProperties", "items", "minItems", "oneOf", "allOf",
            "if", "then", "minimum", "maximum", "exclusiveMinimum", "pattern");

    private final Map<String, Object> root;

    SchemaSubsetValidator(Map<String, Object> root) {
        this.root = root;
    }

    /** Every problem, each "path: what"; empty when the value is valid. */
    List<String> validate(Object value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "$", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, Object value, String path, List<String> errors) {
        for (String k : schema.keySet()) {
            if (!KEYWORDS.contains(k)) {
                throw new IllegalStateException("schema keyword '" + k + "' at " + path + " is not in the supported subset");
            }
        }
        if (schema.containsKey("$ref")) {
            check(resolve((String) schema.get("$ref")), value, path, errors);
        }
        if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected type " + schema.get("type") + ", found " + describe(value));
            return;
        }
        if (schema.containsKey("const") && !same(schema.get("const"), value)) {
            errors.add(path + ": expected " + schema.get("const") + ", found " + describe(value));
        }
        if (schema.containsKey("enum") && ((List<Object>) schema.get("enum")).stream().noneMatch(e -> same(e, value))) {
            errors.add(path + ": expected one of " + schema.get("enum") + ", found " + describe(value));
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (schema.containsKey("minimum") && d < ((Number) schema.get("minimum")).doubleValue()) {
                errors.add(path + ": expected at least " + schema.get("minimum") + ", found " + value);
            }
            if (schema.containsKey("maximum") && d > ((Number) schema.get("maximum")).doubleValue()) {
                errors.add(path + ": expected at most " + schema.get("maximum") + ", found " + value);
            }
            if (schema.containsKey("exclusiveMinimum") && d <= ((Number) schema.get("exclusiveMinimum")).doubleValue()) {
                errors.add(path + ": expected more than " + schema.get("exclusiveMinimum") + ", found " + value);
            }
        }
        if (value instanceof String s && schema.containsKey("pattern") && !Pattern.compile((String) schema.get("pattern")).matcher(s).find()) {
            errors.add(path + ": expected a match of " + schema.get("pattern") + ", found '" + s + "'");
        }
        if (value instanceof List<?> list) {
            if (schema.containsKey("minItems") && list.size() < ((Number) schema.get("minItems")).longValue()) {
                errors.add(path + ": expected at least " + schema.get("minItems") + " items, found " + list.size());
            }
            if (schema.containsKey("items")) {
                for (int i = 0; i < list.size(); i++) {
                    check((Map<String, Object>) schema.get("items"), list.get(i), path + "[" + i + "]", errors);
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            if (schema.containsKey("required")) {
                for (Object r : (List<Object>) schema.get("required")) {
                    if (!object.containsKey(r)) {
                        errors.add(path + ": missing required '" + r + "'");
                    }
                }
            }
            for (Map.Entry<?, ?> e : object.entrySet()) {
                String key = (String) e.getKey();
                Object sub = properties.get(key);
                if (sub != null) {
                    check((Map<String, Object>) sub, e.getValue(), path + "." + key, errors);
                } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    errors.add(path + ": unknown property '" + key + "' (known: " + properties.keySet() + ")");
                } else if (schema.get("additionalProperties") instanceof Map<?, ?> extra) {
                    check((Map<String, Object>) extra, e.getValue(), path + "." + key, errors);
                }
            }
        }
        if (schema.containsKey("allOf")) {
            for (Object sub : (List<Object>) schema.get("allOf")) {
                check((Map<String, Object>) sub, value, path, errors);
            }
        }
        if (schema.containsKey("if")) {
            List<String> condition = new ArrayList<>();
            check((Map<String, Object>) schema.get("if"), value, path, condition);
            if (condition.isEmpty() && schema.containsKey("then")) {
                check((Map<String, Object>) schema.get("then"), value, path, errors);
            }
        }
        if (schema.containsKey("oneOf")) {
            List<String> why = new ArrayList<>();
            int matches = 0;
            for (Object sub : (List<Object>) schema.get("oneOf")) {
                List<String> branch = new ArrayList<>();
                check((Map<String, Object>) sub, value, path, branch);
                if (branch.isEmpty()) {
                    matches++;
                } else {
                    why.add(branch.get(0));
                }
            }
            if (matches != 1) {
                errors.add(path + ": expected exactly one oneOf branch to match, found " + matches + (matches == 0 ? " " + why : ""));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/$defs/")) {
            throw new IllegalStateException("only local $defs references are supported, found " + ref);
        }
        Map<String, Object> defs = (Map<String, Object>) root.get("$defs");
        Map<String, Object> target = defs == null ? null : (Map<String, Object>) defs.get(ref.substring("#/$defs/".length()));
        if (target == null) {
            throw new IllegalStateException("unresolved $ref " + ref);
        }
        return target;
    }

    private static boolean typeMatches(Object type, Object value) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(t, value));
        }
        return switch ((String) type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Long || value instanceof Integer
                    || (value instanceof Double d && d == Math.rint(d) && !d.isInfinite());
            case "null" -> value == null;
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    /** JSON equality: numbers by value (1 and 1.0 are the same), the rest by equals. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List<?> l) {
            return "an array of " + l.size();
        }
        return value.toString();
    }
}
