package io.tandem.pipeline.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer that runs unchanged on the JVM and under TeaVM, so the converter,
 * the server and the browser read bundle manifests with the very same code.
 *
 * <p>Values map to: object → {@code LinkedHashMap<String,Object>} (key order kept), array →
 * {@code ArrayList<Object>}, string → {@code String}, number → {@code Double} (or {@code Long}
 * when it is an integer that fits), true/false → {@code Boolean}, null → {@code null}.
 */
public final class Json {
    private Json() {
    }

    /** Parses one JSON document; throws {@link JsonException} with the offset of the first error. */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.readValue();
        reader.expectEnd();
        return value;
    }

    /** Writes a value made of maps, lists, strings, numbers, booleans and nulls, indented by two. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.write(value, out, 0, true);
        return out.toString();
    }

    /** Writes a value on one line, with no spaces. */
    public static String writeCompact(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.write(value, out, 0, false);
        return out.toString();
    }

    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    public static List<Object> array() {
        return new ArrayList<>();
    }
}
