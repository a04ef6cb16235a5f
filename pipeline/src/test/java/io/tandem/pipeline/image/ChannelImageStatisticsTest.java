package io.tandem.pipeline.image;

import io.tandem.pipeline.drift.ChannelImageStatistics;
import io.tandem.pipeline.drift.Feature;
import io.tandem.pipeline.task.Prepared;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Drift statistics of generic image inputs: colours 0..1 recovered from the normalised tensor. */
class ChannelImageStatisticsTest {
    private static double[] measure(ImageRecipe recipe, RgbaImage image) {
        Prepared prepared = new Prepared(Collections.singletonMap("pixel_values",
                new ImagePreprocessor(recipe).toTensor(image)));
        return new ChannelImageStatistics("pixel_values", recipe).measure(prepared);
    }

    private static List<String> names(ImageRecipe recipe) {
        List<String> names = new ArrayList<>();
        for (Feature f : new ChannelImageStatistics("x", recipe).features()) {
            names.add(f.name());
        }
        return names;
    }

    @Test
    void featuresAreNamedByColour() {
        assertThat(names(TestImages.recipe(4, 4).build()))
                .containsExactly("redMean", "greenMean", "blueMean", "redStd", "greenStd", "blueStd", "brightness");
        assertThat(names(TestImages.recipe(4, 4).channels(ChannelOrder.BGR).build()))
                .containsExactly("blueMean", "greenMean", "redMean", "blueStd", "greenStd", "redStd", "brightness");
        assertThat(names(TestImages.recipe(4, 4).channels(ChannelOrder.GRAYSCALE).build()))
                .containsExactly("grayMean", "grayStd", "brightness");
    }

    @Test
    void normalisationIsUndone() {
        // ImageNet normalisation; the picture is solid (255, 0, 51): means 1, 0, 0.2, no spread.
        ImageRecipe r = TestImages.recipe(4, 4).mean(0.485, 0.456, 0.406).std(0.229, 0.224, 0.225).build();
        double[] m = measure(r, TestImages.solid(6, 6, 255, 0, 51, 255));
        assertThat(m[0]).isCloseTo(1.0, within(1e-6));
        assertThat(m[1]).isCloseTo(0.0, within(1e-6));
        assertThat(m[2]).isCloseTo(0.2, within(1e-6));
        assertThat(m[3]).isCloseTo(0.0, within(1e-6));
        assertThat(m[6]).isCloseTo(0.299 + 0.114 * 0.2, within(1e-6));
        // Scale 1 and 0..255 means (Caffe style) give the same colours.
        ImageRecipe caffe = TestImages.recipe(4, 4).scale(1).mean(123.675, 116.28, 103.53).std(58.395, 57.12, 57.375).build();
        double[] c = measure(caffe, TestImages.solid(6, 6, 255, 0, 51, 255));
        assertThat(c[0]).isCloseTo(1.0, within(1e-6));
        assertThat(c[2]).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void layoutAndChannelOrderAreFollowed() {
        // Left half black, right half white in red only; green 102 (0.4) everywhere.
        RgbaImage image = TestImages.of(4, 2, (x, y) -> new int[] {x < 2 ? 0 : 255, 102, 0, 255});
        ImageRecipe.Builder b = TestImages.recipe(4, 2).resize(ResizeMode.NONE);
        double[] nhwc = measure(b.layout(Layout.NHWC).build(), image);
        assertThat(nhwc[0]).isCloseTo(0.5, within(1e-6));
        assertThat(nhwc[1]).isCloseTo(0.4, within(1e-6));
        assertThat(nhwc[3]).isCloseTo(0.5, within(1e-6));
        assertThat(nhwc[4]).isCloseTo(0.0, within(1e-6));
        double[] bgr = measure(b.layout(Layout.NCHW).channels(ChannelOrder.BGR).build(), image);
        assertThat(bgr[0]).isCloseTo(0.0, within(1e-6)); // blueMean
        assertThat(bgr[2]).isCloseTo(0.5, within(1e-6)); // redMean
        assertThat(bgr[5]).isCloseTo(0.5, within(1e-6)); // redStd
        assertThat(bgr[6]).isCloseTo(nhwc[6], within(1e-9));
        assertThat(bgr[6]).isCloseTo(0.299 * 0.5 + 0.587 * 0.4, within(1e-6));
    }

    @Test
    void grayscaleBrightnessIsItsMean() {
        ImageRecipe r = TestImages.recipe(2, 1).resize(ResizeMode.NONE).channels(ChannelOrder.GRAYSCALE).build();
        double[] m = measure(r, TestImages.gray(2, 1, 0, 255));
        assertThat(m).hasSize(3);
        assertThat(m[0]).isCloseTo(0.5, within(1e-6));
        assertThat(m[1]).isCloseTo(0.5, within(1e-6));
        assertThat(m[2]).isEqualTo(m[0]);
    }

    @Test
    void aTensorOfTheWrongSizeIsRefused() {
        ImageRecipe small = TestImages.recipe(2, 2).build();
        Prepared prepared = new Prepared(Collections.singletonMap("x",
                new ImagePreprocessor(TestImages.recipe(3, 3).build()).toTensor(TestImages.solid(3, 3, 0, 0, 0, 255))));
        assertThatThrownBy(() -> new ChannelImageStatistics("x", small).measure(prepared))
                .hasMessage("expected 12 values in 'x', found 27");
    }
}
