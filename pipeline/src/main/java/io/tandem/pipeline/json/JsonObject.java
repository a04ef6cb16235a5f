package io.tandem.pipeline.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed, checked access to a parsed JSON object, with errors that name the missing or bad field. */
public final class JsonObject {
    private final Map<String, Object> map;
    private final String where;

    public JsonObject(Map<String, Object> map, String where) {
        this.map = map;
        this.where = where;
    }

    @SuppressWarnings("unchecked")
    public static JsonObject of(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new JsonException(where + ": expected a JSON object");
        }
        return new JsonObject((Map<String, Object>) value, where);
    }

    public static JsonObject parse(String json, String where) {
        return of(Json.parse(json), where);
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    public Map<String, Object> raw() {
        return map;
    }

    public String string(String key) {
        Object v = require(key);
        if (!(v instanceof String)) {
            throw wrongType(key, "a string");
        }
        return (String) v;
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public double number(String key) {
        Object v = require(key);
        if (!(v instanceof Number)) {
            throw wrongType(key, "a number");
        }
        return ((Number) v).doubleValue();
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public long integer(String key) {
        double d = number(key);
        if (d != Math.rint(d)) {
            throw wrongType(key, "an integer");
        }
        return (long) d;
    }

    public long integer(String key, long fallback) {
        return has(key) ? integer(key) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (!(v instanceof Boolean)) {
            throw wrongType(key, "true or false");
        }
        return (Boolean) v;
    }

    public JsonObject object(String key) {
        return of(require(key), where + "." + key);
    }

    @SuppressWarnings("unchecked")
    public List<Object> array(String key) {
        Object v = require(key);
        if (!(v instanceof List)) {
            throw wrongType(key, "an array");
        }
        return (List<Object>) v;
    }

    public List<JsonObject> objects(String key) {
        List<Object> items = array(key);
        List<JsonObject> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), where + "." + key + "[" + i + "]"));
        }
        return out;
    }

    public List<String> strings(String key) {
        List<Object> items = array(key);
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            if (!(o instanceof String)) {
                throw wrongType(key, "an array of strings");
            }
            out.add((String) o);
        }
        return out;
    }

    private Object require(String key) {
        if (!has(key)) {
            throw new JsonException(where + ": missing field '" + key + "'");
        }
        return map.get(key);
    }

    private JsonException wrongType(String key, String expected) {
        return new JsonException(where + ": field '" + key + "' must be " + expected);
    }
}
