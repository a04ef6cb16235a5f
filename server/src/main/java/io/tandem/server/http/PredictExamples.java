package io.tandem.server.http;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.ServerModel;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example request body for {@code POST /api/v1/models/{id}/predict} per model, keyed by model
 * id, for the OpenAPI document (Swagger UI on {@code /docs/} offers them under "Examples"). Each is
 * a body the model accepts: a sentence that suits the task for text, the pipeline's own sample
 * image (a small gradient instead when that sample is large), and for a record every feature of
 * the manifest with a typical value (a numeric feature's mean, a categorical one's first category).
 */
final class PredictExamples {
    /** Largest sample image put into the document as it is (RGBA bytes; base64 is a third more). */
    static final int MAX_IMAGE_BYTES = 16 * 1024;
    static final int SMALL_SIDE = 32;
    private static final Map<String, String> TEXT_BY_TASK = Map.of(
            "text-embedding", "A cat sits on the mat.",
            "text-classification", "I loved this film: the story, the music, everything.",
            "token-classification", "Ada Lovelace worked with Charles Babbage in London.");

    private PredictExamples() {
    }

    /** Model id → an OpenAPI Example Object ({@code summary}, {@code value}). */
    static Map<String, Map<String, Object>> of(List<ServerModel> models) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ServerModel model : models) {
            Manifest m = model.manifest();
            ModelInput sample = model.pipeline().sampleInput();
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("summary", m.id() + ": " + describe(sample.kind()) + " (" + m.task().wireName() + ")");
            example.put("value", Map.of("input", input(m, sample)));
            out.put(m.id(), example);
        }
        return out;
    }

    static Object input(Manifest m, ModelInput sample) {
        return switch (sample.kind()) {
            case TEXT -> TEXT_BY_TASK.getOrDefault(m.task().wireName(), sample.text());
            case IMAGE -> image(sample.image().rgba().length <= MAX_IMAGE_BYTES ? sample.image() : gradient(SMALL_SIDE));
            case FEATURES -> record(m.preprocessing());
        };
    }

    private static String describe(InputKind kind) {
        return switch (kind) {
            case TEXT -> "a text";
            case IMAGE -> "an RGBA image";
            case FEATURES -> "a record of features";
        };
    }

    private static Map<String, Object> image(RgbaImage image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", image.width());
        out.put("height", image.height());
        out.put("data", Base64.getEncoder().encodeToString(image.rgba()));
        return out;
    }

    private static RgbaImage gradient(int side) {
        byte[] rgba = new byte[side * side * 4];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 4;
                rgba[i] = (byte) (x * 255 / (side - 1));
                rgba[i + 1] = (byte) (y * 255 / (side - 1));
                rgba[i + 2] = (byte) ((x + y) * 255 / (2 * side - 2));
                rgba[i + 3] = (byte) 255;
            }
        }
        return new RgbaImage(side, side, rgba);
    }

    /** Every feature of {@code preprocessing.features}: a mean to one decimal, a first category, else missing. */
    private static Map<String, Object> record(JsonObject preprocessing) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!preprocessing.has("features")) {
            return out;
        }
        for (JsonObject f : preprocessing.objects("features")) {
            String name = f.string("name");
            String kind = f.string("kind", "");
            if ("numeric".equals(kind) && f.has("mean")) {
                out.put(name, Math.round(f.number("mean") * 10) / 10.0);
            } else if ("categorical".equals(kind) && f.has("categories") && !f.strings("categories").isEmpty()) {
                out.put(name, f.strings("categories").get(0));
            } else {
                out.put(name, null);
            }
        }
        return out;
    }
}
