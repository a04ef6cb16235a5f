package io.tandem.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.tandem.pipeline.bundle.Task;
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
 * (PNG/JPEG) sent as the body or as the multipart field {@code file}.
 */
final class PredictRequests {
    private final ObjectMapper mapper = new ObjectMapper();

    ModelInput read(Context ctx, Task.InputKind kind) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (type.startsWith("multipart/form-data")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw ApiException.badRequest("multipart request needs the image in a field named 'file'");
            }
            try (InputStream in = file.content()) {
                return expect(kind, ModelInput.image(ImageDecoding.decode(in)));
            } catch (IOException e) {
                throw ApiException.badRequest("cannot read the uploaded file: " + e.getMessage());
            }
        }
        if (type.startsWith("image/")) {
            // bodyAsBytes enforces the server's request size limit (413) before decoding.
            try (InputStream in = new java.io.ByteArrayInputStream(ctx.bodyAsBytes())) {
                return expect(kind, ModelInput.image(ImageDecoding.decode(in)));
            } catch (IOException e) {
                throw ApiException.badRequest("cannot read the image: " + e.getMessage());
            }
        }
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("send application/json, an image (image/png, image/jpeg) or multipart/form-data, not " + type);
        }
        return expect(kind, fromJson(ctx.body(), kind));
    }

    private ModelInput fromJson(String body, Task.InputKind kind) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.has("input")) {
            throw ApiException.badRequest("expected a JSON object with an 'input' field");
        }
        return input(root.get("input"), kind);
    }

    /**
     * The inputs of a job: JSON {@code {"inputs": [...]}}, each element as {@code input} of a
     * predict request, at most {@code maxInputs} of them.
     */
    List<ModelInput> readAll(Context ctx, Task.InputKind kind, int maxInputs) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("send application/json {\"inputs\": [...]}, not " + type);
        }
        JsonNode root;
        try {
            root = mapper.readTree(ctx.body());
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("inputs").isArray()) {
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
                throw ApiException.badRequest("inputs[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static ModelInput input(JsonNode input, Task.InputKind kind) {
        if (kind == Task.InputKind.FEATURES) {
            return features(input);
        }
        if (input.isTextual()) {
            return ModelInput.text(input.asText());
        }
        if (input.isObject()) {
            return ModelInput.image(rgba(input));
        }
        throw ApiException.badRequest("'input' must be a string (text) or an object {width, height, data} (image)");
    }

    /** A record: each field a number, a string or null; the model's encoder judges names and values. */
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
                record.put(e.getKey(), v.doubleValue());
            } else if (v.isTextual()) {
                record.put(e.getKey(), v.asText());
            } else {
                throw ApiException.badRequest("feature '" + e.getKey() + "' must be a number, a string or null");
            }
        }
        try {
            return ModelInput.features(record);
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static RgbaImage rgba(JsonNode image) {
        if (!image.path("width").canConvertToInt() || !image.path("height").canConvertToInt() || !image.path("data").isTextual()) {
            throw ApiException.badRequest("an image input needs integer 'width' and 'height' and base64 RGBA 'data'");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(image.get("data").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("image 'data' is not valid base64: " + e.getMessage());
        }
        try {
            return new RgbaImage(image.get("width").asInt(), image.get("height").asInt(), data);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ModelInput expect(Task.InputKind kind, ModelInput input) {
        if (input.kind() != kind) {
            throw ApiException.badRequest("this model takes " + describe(kind) + " input, got " + describe(input.kind()));
        }
        return input;
    }

    private static String describe(Task.InputKind kind) {
        return switch (kind) {
            case TEXT -> "a text";
            case IMAGE -> "an image";
            case FEATURES -> "a tabular (record of features)";
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
