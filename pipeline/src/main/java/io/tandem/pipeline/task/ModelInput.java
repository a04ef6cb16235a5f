package io.tandem.pipeline.task;

import io.tandem.pipeline.image.RgbaImage;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a caller passes to predict: a text, an image or a record of named features — one of them. */
public final class ModelInput {
    /** Longest text accepted, in UTF-16 units: the model reads 128 tokens; this bounds the tokenizer's work. */
    public static final int MAX_TEXT_CHARS = 100_000;
    /** Most features a record may name; a real tabular model has tens, this bounds the work on junk. */
    public static final int MAX_FEATURES = 1_000;

    private final String text;
    private final RgbaImage image;
    private final Map<String, Object> features;

    private ModelInput(String text, RgbaImage image, Map<String, Object> features) {
        this.text = text;
        this.image = image;
        this.features = features;
    }

    public static ModelInput text(String text) {
        if (text == null) {
            throw new InvalidInputException("input text is missing");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException("input text has " + text.length() + " characters; the limit is " + MAX_TEXT_CHARS);
        }
        return new ModelInput(text, null, null);
    }

    public static ModelInput image(RgbaImage image) {
        if (image == null) {
            throw new InvalidInputException("input image is missing");
        }
        return new ModelInput(null, image, null);
    }

    /**
     * A record for a tabular model: feature name → a number, a string, or null (missing). Whether
     * the names and values suit the model is the model's encoder's question.
     */
    public static ModelInput features(Map<String, Object> features) {
        if (features == null) {
            throw new InvalidInputException("input features are missing");
        }
        if (features.size() > MAX_FEATURES) {
            throw new InvalidInputException("input has " + features.size() + " features; the limit is " + MAX_FEATURES);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : features.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof Number) && !(v instanceof String)) {
                throw new InvalidInputException("feature '" + e.getKey() + "' must be a number, a string or null");
            }
            copy.put(e.getKey(), v);
        }
        return new ModelInput(null, null, copy);
    }

    public InputKind kind() {
        if (text != null) {
            return InputKind.TEXT;
        }
        return image != null ? InputKind.IMAGE : InputKind.FEATURES;
    }

    public String text() {
        if (text == null) {
            throw new InvalidInputException("this model takes a text input");
        }
        return text;
    }

    public RgbaImage image() {
        if (image == null) {
            throw new InvalidInputException("this model takes an image input");
        }
        return image;
    }

    /** The record, in the caller's key order. */
    public Map<String, Object> features() {
        if (features == null) {
            throw new InvalidInputException("this model takes a record of features");
        }
        return new LinkedHashMap<>(features);
    }
}
