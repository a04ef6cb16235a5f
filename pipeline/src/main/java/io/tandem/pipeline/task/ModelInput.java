package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.image.RgbaImage;

/** What a caller passes to predict: a text or an image, never both. */
public final class ModelInput {
    /** Longest text accepted, in UTF-16 units: the model reads 128 tokens; this bounds the tokenizer's work. */
    public static final int MAX_TEXT_CHARS = 100_000;

    private final String text;
    private final RgbaImage image;

    private ModelInput(String text, RgbaImage image) {
        this.text = text;
        this.image = image;
    }

    public static ModelInput text(String text) {
        if (text == null) {
            throw new InvalidInputException("input text is missing");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException("input text has " + text.length() + " characters; the limit is " + MAX_TEXT_CHARS);
        }
        return new ModelInput(text, null);
    }

    public static ModelInput image(RgbaImage image) {
        if (image == null) {
            throw new InvalidInputException("input image is missing");
        }
        return new ModelInput(null, image);
    }

    public Task.InputKind kind() {
        return text != null ? Task.InputKind.TEXT : Task.InputKind.IMAGE;
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
}
