package io.tandem.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.pipeline.task.ModelInput;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a predict request into a {@link ModelInput}: JSON {@code {"input": "text"}},
 * {@code {"input": {"width", "height", "data": base64 RGBA}}} or, for tabular models,
 * {@code {"input": {"island": "Biscoe", "bill_length_mm": 39.1, "sex": null}}}, or an image file
 * (PNG/JPEG) sent as the body or as the multipart field {@code file}. What the model takes is
 * checked before anything is decoded, so a wrong kind costs no decoding.
 */
final class PredictRequests {
    /**
     * Largest magnitude a tabular feature may have: far beyond any real measurement, far below
     * where float32 tensors overflow to infinity (3.4e38) or lose all precision.
     */
    static final double MAX_FEATURE_MAGNITUDE = 1e9;
    private static final String ACCEPTED = "application/json, image/png, image/jpeg or multipart/form-data";

    private final RequestBodies bodies;
    private final ImageDecoding images;

    PredictRequests(RequestBodies bodies, ImageDecoding images) {
        this.bodies = bodies;
        this.images = images;
    }

    ModelInput read(Context ctx, InputKind kind) {
        String type = RequestBodies.mediaType(ctx.contentType());
        switch (type) {
            case "multipart/form-data" -> {
                requireImages(kind);
                return ModelInput.image(multipartImage(ctx));
            }
            case "image/png", "image/jpeg" -> {
                requireImages(kind);
                return ModelInput.image(images.decode(bodies.bytes(ctx)));
            }
            case "application/json" -> {
                JsonNode root = bodies.json(ctx, "{\"input\": ...}");
                if (!root.isObject() || !root.has("input")) {
                    throw ApiException.badRequest("expected a JSON object with an 'input' field");
                }
                return expect(kind, input(root.get("input"), kind));
            }
            default -> throw ApiException.unsupportedMediaType("send " + ACCEPTED + ", not "
                    + (type.isEmpty() ? "a body without Content-Type" : Echo.of(ctx.contentType())));
        }
    }

    private RgbaImage multipartImage(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            // Jetty's multipart parser fails on a missing or wrong boundary, garbage, too many parts
            // or too many bytes; each is the caller's malformed request, not a server failure.
            throw Multipart.refusal(e, bodies.maxBytes());
        }
        if (file == null) {
            throw ApiException.badRequest("multipart request needs the image in a field named 'file'");
        }
        if (file.size() > bodies.maxBytes()) {
            throw new ApiException(413, "payload_too_large", "the uploaded file is larger than " + bodies.maxBytes() + " bytes");
        }
        try (InputStream in = file.content()) {
            return images.decode(in.readNBytes((int) Math.min(file.size(), bodies.maxBytes())));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the uploaded file");
        }
    }

    /**
     * The inputs of a job: JSON {@code {"inputs": [...]}}, each element as {@code input} of a
     * predict request, at most {@code maxInputs} of them.
     */
    List<ModelInput> readAll(Context ctx, InputKind kind, int maxInputs) {
        JsonNode root = bodies.json(ctx, "{\"inputs\": [...]}");
        if (!root.isObject() || !root.path("inputs").isArray()) {
            throw ApiException.badRequest("expected a JSON object with an 'inputs' array");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs.isEmpty()) {
            throw ApiException.badRequest("'inputs' is empty");
        }
        if (inputs.size() > maxInputs) {
            throw ApiException.badRequest("'inputs' has " + inputs.size() + " items; the limit is " + maxInputs);
        }
        List<ModelInput> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                out.add(expect(kind, input(inputs.get(i), kind)));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.code(), "inputs[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private ModelInput input(JsonNode input, InputKind kind) {
        if (kind == InputKind.FEATURES) {
            return features(input);
        }
        if (input.isTextual()) {
            return ModelInput.text(input.asText());
        }
        if (input.isObject()) {
            requireImages(kind);
            return ModelInput.image(rgba(input));
        }
        throw ApiException.badRequest("'input' must be a string (text) or an object {width, height, data} (image)");
    }

    /** A record: each field a finite number of sane size, a string or null; the model's encoder judges names and values. */
    private static ModelInput features(JsonNode input) {
        if (!input.isObject()) {
            throw ApiException.badRequest("this model takes an object of features, e.g. {\"island\": \"Biscoe\", \"bill_length_mm\": 39.1}");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : input.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                record.put(e.getKey(), null);
            } else if (v.isNumber()) {
                double d = v.doubleValue();
                if (!Double.isFinite(d) || Math.abs(d) > MAX_FEATURE_MAGNITUDE) {
                    throw ApiException.badRequest("feature '" + Echo.of(e.getKey()) + "' is " + Echo.of(v.asText())
                            + "; numbers must be finite and at most " + MAX_FEATURE_MAGNITUDE + " in magnitude");
                }
                record.put(e.getKey(), d);
            } else if (v.isTextual()) {
                record.put(e.getKey(), v.asText());
            } else {
                throw ApiException.badRequest("feature '" + Echo.of(e.getKey()) + "' must be a number, a string or null");
            }
        }
        try {
            return ModelInput.features(record);
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private RgbaImage rgba(JsonNode image) {
        if (!image.path("width").canConvertToInt() || !image.path("height").canConvertToInt() || !image.path("data").isTextual()) {
            throw ApiException.badRequest("an image input needs integer 'width' and 'height' and base64 RGBA 'data'");
        }
        int width = image.get("width").asInt();
        int height = image.get("height").asInt();
        // The declared size is judged before the data is decoded, like a file's header.
        images.checkSize(width, height);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(image.get("data").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("image 'data' is not valid base64");
        }
        try {
            return new RgbaImage(width, height, data);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(Echo.of(e.getMessage()));
        }
    }

    private static void requireImages(InputKind kind) {
        if (kind != InputKind.IMAGE) {
            throw ApiException.badRequest("this model takes " + describe(kind) + " input, not an image");
        }
    }

    private static ModelInput expect(InputKind kind, ModelInput input) {
        if (input.kind() != kind) {
            throw ApiException.badRequest("this model takes " + describe(kind) + " input, got " + describe(input.kind()));
        }
        return input;
    }

    private static String describe(InputKind kind) {
        return switch (kind) {
            case TEXT -> "a text";
            case IMAGE -> "an image";
            case FEATURES -> "a tabular (record of features)";
        };
    }
}
