package io.tandem.client;

import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.ModelInput;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/models/{id}/predict}: {@code {"input": "text"}} for text models,
 * {@code {"input": {"width": w, "height": h, "data": "<base64 RGBA>"}}} for image models,
 * {@code {"input": {"island": "Biscoe", "bill_length_mm": 39.1}}} for tabular models. In the
 * browser {@code ServerRunner} builds the image form with native base64 and JSON (same body, far
 * faster than this code compiled to JavaScript); keep the two in step.
 */
public final class ServerRequests {
    private ServerRequests() {
    }

    public static String predictBody(ModelInput input) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (input.kind()) {
            case TEXT:
                body.put("input", input.text());
                break;
            case IMAGE:
                body.put("input", imageJson(input.image()));
                break;
            case FEATURES:
                body.put("input", input.features());
                break;
            default:
                throw new IllegalArgumentException("no request form for input kind " + input.kind());
        }
        return Json.writeCompact(body);
    }

    static Map<String, Object> imageJson(RgbaImage image) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", (long) image.width());
        m.put("height", (long) image.height());
        m.put("data", Base64.getEncoder().encodeToString(image.rgba()));
        return m;
    }
}
