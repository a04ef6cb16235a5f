package io.tandem.pipeline.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRecipeTest {
    @Test
    void defaultsAreTheCentreOfThePictureInZeroToOneRgb() {
        ImageRecipe r = TestImages.recipe(224, 224).build();
        assertThat(r.resize()).isEqualTo(ResizeMode.SHORTER_SIDE);
        assertThat(r.resizeTo()).isEqualTo(224);
        assertThat(r.interpolation()).isEqualTo(Interpolation.BILINEAR);
        assertThat(r.channels()).isEqualTo(ChannelOrder.RGB);
        assertThat(r.alpha()).isEqualTo(AlphaMode.COMPOSITE);
        assertThat(r.background()).isEqualTo(255);
        assertThat(r.scale()).isEqualTo(1 / 255.0);
        assertThat(r.mean()).containsExactly(0.0, 0.0, 0.0);
        assertThat(r.std()).containsExactly(1.0, 1.0, 1.0);
        assertThat(r.layout()).isEqualTo(Layout.NCHW);
        assertThat(r.outputShape()).containsExactly(1, 3, 224, 224);
    }

    @Test
    void resizeToDefaultsToTheLongerModelSide() {
        assertThat(TestImages.recipe(320, 240).build().resizeTo()).isEqualTo(320);
        assertThat(TestImages.recipe(224, 224).resizeTo(256).build().resizeTo()).isEqualTo(256);
    }

    @Test
    void oneMeanOrStdValueAppliesToEveryChannel() {
        ImageRecipe r = TestImages.recipe(8, 8).mean(0.5).std(0.25, 0.5, 1.0).build();
        assertThat(r.mean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(r.std()).containsExactly(0.25, 0.5, 1.0);
        ImageRecipe g = TestImages.recipe(8, 8).channels(ChannelOrder.GRAYSCALE).mean(0.5).build();
        assertThat(g.mean()).containsExactly(0.5);
        assertThat(g.outputShape()).containsExactly(1, 1, 8, 8);
        assertThat(TestImages.recipe(8, 4).layout(Layout.NHWC).build().outputShape()).containsExactly(1, 4, 8, 3);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] mean = {0.1, 0.2, 0.3};
        ImageRecipe r = TestImages.recipe(8, 8).mean(mean).build();
        mean[0] = 9;
        r.mean()[1] = 9;
        assertThat(r.mean()).containsExactly(0.1, 0.2, 0.3);
    }

    @Test
    void sidesAreRequiredAndBounded() {
        assertThatThrownBy(() -> ImageRecipe.builder().height(8).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width: expected an integer from 1 to 4096, found none");
        assertThatThrownBy(() -> TestImages.recipe(0, 8).build())
                .hasMessage("width: expected an integer from 1 to 4096, found 0");
        assertThatThrownBy(() -> TestImages.recipe(8, 4097).build())
                .hasMessage("height: expected an integer from 1 to 4096, found 4097");
    }

    @Test
    void resizeToMustLetTheCropFit() {
        assertThatThrownBy(() -> TestImages.recipe(224, 200).resizeTo(200).build())
                .hasMessage("resizeTo: expected at least max(width, height) = 224 so that the centre crop fits, found 200");
        assertThatThrownBy(() -> TestImages.recipe(224, 224).resizeTo(4097).build())
                .hasMessage("resizeTo: expected an integer from 1 to 4096, found 4097");
        // Only shorter-side reads resizeTo.
        assertThat(TestImages.recipe(224, 224).resize(ResizeMode.EXACT).resizeTo(100).build().resizeTo()).isEqualTo(100);
    }

    @Test
    void numbersAreChecked() {
        assertThatThrownBy(() -> TestImages.recipe(8, 8).background(256).build())
                .hasMessage("background: expected an integer from 0 to 255, found 256");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).scale(0).build())
                .hasMessage("scale: expected a finite number > 0, found 0.0");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).scale(Double.NaN).build())
                .hasMessage("scale: expected a finite number > 0, found NaN");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).mean(0.1, 0.2).build())
                .hasMessage("mean: expected 1 or 3 values (one per channel), found 2 values");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).channels(ChannelOrder.GRAYSCALE).std(1, 1, 1).build())
                .hasMessage("std: expected 1 value, found 3 values");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).mean(new double[0]).build())
                .hasMessage("mean: expected 1 or 3 values (one per channel), found 0 values");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).std(0.2, 0.0, 0.2).build())
                .hasMessage("std[1]: expected a finite number > 0, found 0.0");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).std(-1).build())
                .hasMessage("std[0]: expected a finite number > 0, found -1.0");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).mean(Double.NaN).build())
                .hasMessage("mean[0]: expected a finite number, found NaN");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).mean((double[]) null).build())
                .hasMessage("mean: expected 1 or 3 values (one per channel), found null");
    }

    @Test
    void missingChoicesNameTheirField() {
        assertThatThrownBy(() -> TestImages.recipe(8, 8).resize(null).build())
                .hasMessage("resize: expected one of [shorter-side, exact, none], found null");
        assertThatThrownBy(() -> TestImages.recipe(8, 8).layout(null).build())
                .hasMessage("layout: expected one of [nchw, nhwc], found null");
    }

    @Test
    void wireNamesRoundTrip() {
        assertThat(ResizeMode.wireNames()).containsExactly("shorter-side", "exact", "none");
        assertThat(Interpolation.wireNames()).containsExactly("bilinear", "area", "nearest");
        assertThat(ChannelOrder.wireNames()).containsExactly("rgb", "bgr", "grayscale");
        assertThat(AlphaMode.wireNames()).containsExactly("composite", "ignore");
        assertThat(Layout.wireNames()).containsExactly("nchw", "nhwc");
        for (ResizeMode m : ResizeMode.values()) {
            assertThat(ResizeMode.fromWireName(m.wireName())).isEqualTo(m);
        }
        for (Interpolation m : Interpolation.values()) {
            assertThat(Interpolation.fromWireName(m.wireName())).isEqualTo(m);
        }
        for (ChannelOrder m : ChannelOrder.values()) {
            assertThat(ChannelOrder.fromWireName(m.wireName())).isEqualTo(m);
        }
        for (AlphaMode m : AlphaMode.values()) {
            assertThat(AlphaMode.fromWireName(m.wireName())).isEqualTo(m);
        }
        for (Layout m : Layout.values()) {
            assertThat(Layout.fromWireName(m.wireName())).isEqualTo(m);
        }
    }

    @Test
    void unknownWireNamesListTheChoices() {
        assertThatThrownBy(() -> Interpolation.fromWireName("Bilinear"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected one of [bilinear, area, nearest], found 'Bilinear'");
        assertThatThrownBy(() -> ResizeMode.fromWireName("shorter_side"))
                .hasMessage("expected one of [shorter-side, exact, none], found 'shorter_side'");
        assertThatThrownBy(() -> ChannelOrder.fromWireName(null))
                .hasMessage("expected one of [rgb, bgr, grayscale], found null");
    }

    @Test
    void equalRecipesAreEqual() {
        ImageRecipe a = TestImages.recipe(8, 8).mean(0.5).build();
        ImageRecipe b = TestImages.recipe(8, 8).mean(0.5, 0.5, 0.5).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(TestImages.recipe(8, 8).mean(0.4).build());
    }
}
