package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.client.browser.Pixels;
import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.pipeline.task.ModelInput;
import org.teavm.jso.JSObject;

/** What a page passes to {@code predict}/{@code prepare}, turned into the pipeline's {@link ModelInput}. */
final class Inputs {
    private Inputs() {
    }

    static ModelInput from(JSObject input, Task.InputKind kind) {
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
            default:
                throw new InvalidInputException("this model takes a " + kind + " input, which the client cannot read");
        }
    }

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
