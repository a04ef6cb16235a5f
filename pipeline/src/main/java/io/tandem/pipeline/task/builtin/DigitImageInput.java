package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.ImageStatistics;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.image.DigitPreprocessor;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.Preprocessor;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** The MNIST digit preset of image classification: grey ink on black, cropped, centred by mass. */
public final class DigitImageInput implements Preprocessor {
    private static final OptionSet OPTIONS = OptionSet.of(
            Option.of("size", Option.Kind.INTEGER, "Side of the square model input, in pixels.").defaultsTo(28L).between(1, 1024),
            Option.of("box", Option.Kind.INTEGER, "Side of the box the digit's longer side is scaled to.").defaultsTo(20L).between(1, 1024),
            Option.of("mean", Option.Kind.NUMBER, "Training set mean of the 0..1 intensities.").required(),
            Option.of("std", Option.Kind.NUMBER, "Training set standard deviation of the 0..1 intensities.").required()
                    .between(Double.MIN_VALUE, Double.MAX_VALUE));

    public static final PreprocessorType TYPE = PreprocessorType.of("digit-image",
            "Preset for MNIST-style digits: grayscale ink on black, cropped to the ink, fitted to box, centred by mass in size x size.",
            InputKind.IMAGE, OPTIONS, (manifest, config, files) -> new DigitImageInput(manifest.inputs().get(0).name(), config));

    private final String inputName;
    private final DigitPreprocessor digits;
    private final int size;
    private final double mean;
    private final double std;

    private DigitImageInput(String inputName, JsonObject config) {
        this.inputName = inputName;
        this.digits = DigitPreprocessor.fromConfig(config);
        this.size = (int) config.integer("size", 28);
        this.mean = config.number("mean");
        this.std = config.number("std");
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(inputName, digits.toTensor(input.image()));
        return new Prepared(feeds);
    }

    @Override
    public InputStatistics statistics() {
        return new ImageStatistics(inputName, mean, std);
    }

    /** A bright vertical bar on black (a digit one): some ink, so the pipeline does its real work. */
    @Override
    public ModelInput sampleInput() {
        byte[] rgba = new byte[size * size * 4];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 4;
                byte v = (byte) (Math.abs(x - size / 2) < Math.max(1, size / 14) && y > size / 5 && y < size * 4 / 5 ? 255 : 0);
                rgba[i] = v;
                rgba[i + 1] = v;
                rgba[i + 2] = v;
                rgba[i + 3] = (byte) 255;
            }
        }
        return ModelInput.image(new RgbaImage(size, size, rgba));
    }
}
