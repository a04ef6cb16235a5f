package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.client.browser.Pixels;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.pipeline.task.ModelInput;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSString;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a page passes to {@code predict}/{@code prepare}, turned into the pipeline's {@link ModelInput}. */
final class Inputs {
    private Inputs() {
    }

    static ModelInput from(JSObject input, InputKind kind) {
        if (Js.isNullish(input)) {
            throw new InvalidInputException("input is missing");
        }
        switch (kind) {
            case TEXT:
                if (!Js.isString(input)) {
                    throw new InvalidInputException("this model takes a text (a string), got " + Js.typeName(input));
                }
                return ModelInput.text(Js.asString(input));
            case IMAGE:
                return ModelInput.image(image(input));
            case FEATURES:
                return ModelInput.features(features(input));
            default:
                throw new InvalidInputException("this model takes a " + kind + " input, which the client cannot read");
        }
    }

    /**
     * A plain object of features: numbers stay JS numbers (read as doubles, never through a decimal
     * parse, so the browser sees the bits the page gave), strings stay strings, null and undefined
     * are missing.
     */
    private static Map<String, Object> features(JSObject input) {
        if (!isPlainObject(input)) {
            throw new InvalidInputException("this model takes an object of features, e.g. {island: 'Biscoe', bill_length_mm: 39.1}; got "
                    + Js.typeName(input));
        }
        JSArrayReader<JSString> keys = keys(input);
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keys.getLength(); i++) {
            String key = keys.get(i).stringValue();
            String type = typeOf(input, key);
            switch (type) {
                case "number":
                    record.put(key, Js.numberProperty(input, key));
                    break;
                case "string":
                    record.put(key, Js.stringProperty(input, key));
                    break;
                case "undefined":
                case "null":
                    record.put(key, null);
                    break;
                default:
                    throw new InvalidInputException("feature '" + key + "' must be a number, a string or null, got " + type);
            }
        }
        return record;
    }

    @JSBody(params = "x", script = "return typeof x === 'object' && x !== null && !Array.isArray(x);")
    private static native boolean isPlainObject(JSObject x);

    @JSBody(params = "o", script = "return Object.keys(o);")
    private static native JSArrayReader<JSString> keys(JSObject o);

    @JSBody(params = {"o", "key"}, script = "var v = o[key]; return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;")
    private static native String typeOf(JSObject o, String key);

    private static RgbaImage image(JSObject input) {
        Pixels.Rgba px = Pixels.read(input);
        if (px == null) {
            throw new InvalidInputException("this model takes an image: an ImageData, a canvas or {width, height, data}; got "
                    + Js.typeName(input));
        }
        byte[] rgba = px.getBytes().copyToJavaArray();
        try {
            return new RgbaImage(px.getWidth(), px.getHeight(), rgba);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
