package io.tandem.server.jobs.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's inputs as one JSON array in its hash, so whichever instance takes the job runs the very
 * inputs the client sent. Each input is one of {@code {"text": "…"}},
 * {@code {"image": {"width": w, "height": h, "rgba": "<base64>"}}} or {@code {"features": {…}}}.
 */
final class InputCodec {
    private InputCodec() {
    }

    static String encode(List<ModelInput> inputs) {
        List<Object> out = new ArrayList<>(inputs.size());
        for (ModelInput input : inputs) {
            out.add(switch (input.kind()) {
                case TEXT -> Map.of("text", input.text());
                case IMAGE -> Map.of("image", image(input.image()));
                case FEATURES -> Map.of("features", input.features());
            });
        }
        return JsonText.write(out);
    }

    private static Map<String, Object> image(RgbaImage image) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", image.width());
        m.put("height", image.height());
        m.put("rgba", Base64.getEncoder().encodeToString(image.rgba()));
        return m;
    }

    /** @throws IllegalArgumentException the stored text is not inputs this codec wrote */
    static List<ModelInput> decode(String text) {
        JsonNode root;
        try {
            root = JsonText.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a job's stored inputs are not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("a job's stored inputs are not a JSON array");
        }
        List<ModelInput> inputs = new ArrayList<>(root.size());
        for (JsonNode input : root) {
            inputs.add(input(input));
        }
        return inputs;
    }

    private static ModelInput input(JsonNode input) {
        if (input.has("text")) {
            return ModelInput.text(input.get("text").asText());
        }
        if (input.has("image")) {
            JsonNode image = input.get("image");
            return ModelInput.image(new RgbaImage(image.path("width").asInt(), image.path("height").asInt(),
                    Base64.getDecoder().decode(image.path("rgba").asText())));
        }
        if (input.has("features")) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : input.get("features").properties()) {
                features.put(e.getKey(), feature(e.getValue()));
            }
            return ModelInput.features(features);
        }
        throw new IllegalArgumentException("a stored job input is neither text, image nor features");
    }

    /** The number as it was sent: 39.1 stays a Double, 5 an Integer. */
    private static Object feature(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        return v.asText();
    }
}
