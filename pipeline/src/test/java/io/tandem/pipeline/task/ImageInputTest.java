package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "image" type's manifest fields, as the converter, server and browser read them. */
class ImageInputTest {
    private static Manifest manifest(Map<String, Object> pre, List<Object> inputShape) {
        return Manifest.builder().id("i").version("1").task(Tasks.task("image-classification"))
                .input(new TensorSpec("pixels", DType.FLOAT32, inputShape))
                .output(new TensorSpec("scores", DType.FLOAT32, List.of("batch", 2L)))
                .preprocessing(pre).postprocessing(Map.of("type", "softmax")).labels(List.of("a", "b"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 1, "00"), List.of("server"), Map.of()))
                .build();
    }

    private static Map<String, Object> pre(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "image");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static RgbaImage grey(int w, int h, int v, int alpha) {
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < rgba.length; i += 4) {
            rgba[i] = rgba[i + 1] = rgba[i + 2] = (byte) v;
            rgba[i + 3] = (byte) alpha;
        }
        return new RgbaImage(w, h, rgba);
    }

    @Test
    void imagenetSettingsGiveAnNchwTensorOfTheModelsSize() {
        TaskPipeline p = Tasks.open(manifest(pre("width", 4L, "height", 4L, "resizeTo", 6L, "mean", List.of(0.485, 0.456, 0.406),
                "std", List.of(0.229, 0.224, 0.225)), List.of("batch", 3L, 4L, 4L)), null);
        Tensor t = p.preprocess(ModelInput.image(grey(9, 6, 255, 255))).feed("pixels");
        assertThat(t.shape()).containsExactly(1, 3, 4, 4);
        assertThat(t.floats()[0]).isEqualTo((float) ((1.0 - 0.485) / 0.229));
        assertThat(t.floats()[16]).as("green plane").isEqualTo((float) ((1.0 - 0.456) / 0.224));
        assertThat(p.preprocess(p.sampleInput()).feed("pixels").shape()).containsExactly(1, 3, 4, 4);
    }

    @Test
    void flatLayoutIsOneRowOfTheNchwValues() {
        TaskPipeline p = Tasks.open(manifest(pre("width", 3L, "height", 2L, "channels", "grayscale", "resize", "exact",
                "scale", 1.0, "layout", "flat"), List.of("batch", 6L)), null);
        Tensor t = p.preprocess(ModelInput.image(grey(3, 2, 200, 255))).feed("pixels");
        assertThat(t.shape()).containsExactly(1, 6);
        assertThat(t.floats()).containsOnly(200f);
    }

    @Test
    void invertTurnsInkOnPaperIntoLightOnDarkTransparentPixelsIncluded() {
        TaskPipeline p = Tasks.open(manifest(pre("width", 1L, "height", 1L, "channels", "grayscale", "resize", "exact",
                "scale", 1.0, "invert", true), List.of("batch", 1L, 1L, 1L)), null);
        RgbaImage ink = grey(1, 1, 30, 255);
        assertThat(p.preprocess(ModelInput.image(ink)).feed("pixels").floats()[0]).isEqualTo(225f);
        assertThat(ink.rgba()[0]).as("the caller's picture is left alone").isEqualTo((byte) 30);
        // A transparent pixel over the default white background is paper: inverted, it is black.
        assertThat(p.preprocess(ModelInput.image(grey(1, 1, 0, 0))).feed("pixels").floats()[0]).isEqualTo(0f);
        // Half-transparent black ink over white: 127.5 either way round.
        assertThat(p.preprocess(ModelInput.image(grey(1, 1, 0, 51))).feed("pixels").floats()[0]).isEqualTo((float) (255.0 * 51 / 255));
    }

    @Test
    void aBadValueNamesTheSectionAndTheField() {
        assertThatThrownBy(() -> Tasks.open(manifest(pre("width", 4L, "height", 4L, "std", List.of(0.2, 0.0, 0.2)),
                List.of("batch", 3L, 4L, 4L)), null)).isInstanceOf(RecipeException.class).hasMessageStartingWith("preprocessing.std");
        assertThatThrownBy(() -> Tasks.open(manifest(pre("width", 4L), List.of("batch", 3L, 4L, 4L)), null))
                .isInstanceOf(RecipeException.class)
                .hasMessage("preprocessing.height: expected an integer, found nothing (the field is required)");
        assertThatThrownBy(() -> Tasks.open(manifest(pre("width", 4L, "height", 4L, "layout", "chw"), List.of("batch", 3L, 4L, 4L)), null))
                .hasMessage("preprocessing.layout: expected one of [nchw, nhwc, flat], found 'chw'");
    }
}
