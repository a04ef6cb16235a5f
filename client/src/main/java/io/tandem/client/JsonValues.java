package io.tandem.client;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSString;

import io.tandem.client.browser.Js;

import java.util.List;
import java.util.Map;

/**
 * The pipeline's JSON-ready values (maps, lists, strings, numbers, booleans, null) as JavaScript
 * values, built directly. Writing them as JSON text and parsing it again cost milliseconds per
 * embedding: TeaVM formats each of its 384 doubles in Java. Numbers cross as the same doubles.
 */
final class JsonValues {
    private JsonValues() {
    }

    static JSObject toJs(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number) {
            return JSNumber.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof String) {
            return JSString.valueOf((String) value);
        }
        if (value instanceof Boolean) {
            return JSBoolean.valueOf((Boolean) value);
        }
        if (value instanceof List) {
            JSArray<JSObject> array = new JSArray<>();
            for (Object item : (List<?>) value) {
                array.push(toJs(item));
            }
            return array;
        }
        if (value instanceof Map) {
            JSObject object = Js.newObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Js.put(object, String.valueOf(e.getKey()), toJs(e.getValue()));
            }
            return object;
        }
        throw new IllegalStateException("the pipeline made a " + value.getClass().getSimpleName() + ", which is not a JSON value");
    }
}
