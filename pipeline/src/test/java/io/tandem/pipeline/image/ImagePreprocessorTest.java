package io.tandem.pipeline.image;

import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed cases: every expected number below is worked out in the comment beside it. */
class ImagePreprocessorTest {
    private static PlanarImage resized(ImageRecipe.Builder recipe, RgbaImage image) {
        return new ImagePreprocessor(recipe.build()).resized(image);
    }

    private static double[] firstPlane(PlanarImage p) {
        double[] out = new double[p.width() * p.height()];
        System.arraycopy(p.values(), 0, out, 0, out.length);
        return out;
    }

    @Test
    void areaShrinksTwoByTwoToItsMean() {
        // (10 + 20 + 30 + 40) / 4
        PlanarImage p = resized(TestImages.recipe(1, 1).resize(ResizeMode.EXACT).interpolation(Interpolation.AREA),
                TestImages.gray(2, 2, 10, 20, 30, 40));
        assertThat(p.values()).containsExactly(25.0, 25.0, 25.0);
    }

    @Test
    void areaWeighsPartlyCoveredPixels() {
        // 3 -> 2: output 0 covers [0, 1.5): (30 + 60/2) / 1.5 = 40; output 1 covers [1.5, 3): (60/2 + 90) / 1.5 = 80.
        PlanarImage p = resized(TestImages.recipe(2, 1).resize(ResizeMode.EXACT).interpolation(Interpolation.AREA)
                .channels(ChannelOrder.GRAYSCALE), TestImages.gray(3, 1, 30, 60, 90));
        assertThat(p.get(0, 0, 0)).isCloseTo(40.0, within(1e-9));
        assertThat(p.get(0, 1, 0)).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void bilinearSamplesBetweenSourcePixelsAtHalfPixelCentres() {
        // p(x, y) = 10x + 40y on 4x4. Output (i, j) of 2x2 sits at source ((i + 0.5)·2 − 0.5, …) =
        // (0.5 or 2.5, 0.5 or 2.5), and bilinear reproduces a linear ramp: 25, 45 / 105, 125.
        // Sampling at dst·scale (off by half a pixel) would give 0, 20 / 80, 100; aligned corners 0, 30 / 120, 150.
        RgbaImage ramp = TestImages.of(4, 4, (x, y) -> new int[] {10 * x + 40 * y, 0, 0, 255});
        PlanarImage p = resized(TestImages.recipe(2, 2).resize(ResizeMode.EXACT), ramp);
        assertThat(firstPlane(p)).containsExactly(25.0, 45.0, 105.0, 125.0);
    }

    @Test
    void bilinearClampsAtTheEdgesWhenEnlarging() {
        // 2 -> 4: source x = (r + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (past the last pixel).
        PlanarImage p = resized(TestImages.recipe(4, 1).resize(ResizeMode.EXACT), TestImages.gray(2, 1, 0, 100));
        assertThat(firstPlane(p)).containsExactly(0.0, 25.0, 75.0, 100.0);
    }

    @Test
    void nearestTakesThePixelUnderTheCentre() {
        // 4 -> 2: centres at source 1.0 and 3.0: pixels 1 and 3 (not 0 and 2).
        PlanarImage p = resized(TestImages.recipe(2, 1).resize(ResizeMode.EXACT).interpolation(Interpolation.NEAREST),
                TestImages.gray(4, 1, 10, 20, 30, 40));
        assertThat(firstPlane(p)).containsExactly(20.0, 40.0);
    }

    @Test
    void shorterSideThenCentreCropGeometry() {
        ImageRecipe r = TestImages.recipe(224, 224).resizeTo(256).build();
        // 300x200: the shorter side 200 -> 256, the longer 300·256/200 = 384; crop margins 160 and 32.
        ResizeGeometry g = ResizeGeometry.of(r, 300, 200);
        assertThat(new int[] {g.resizedWidth, g.resizedHeight, g.left, g.top}).containsExactly(384, 256, 80, 16);
        ResizeGeometry portrait = ResizeGeometry.of(r, 200, 300);
        assertThat(new int[] {portrait.resizedWidth, portrait.resizedHeight, portrait.left, portrait.top})
                .containsExactly(256, 384, 16, 80);
        // The longer side rounds down: 333·256/250 = 340.99…
        assertThat(ResizeGeometry.of(r, 333, 250).resizedWidth).isEqualTo(340);
    }

    @Test
    void oddCropMarginsRoundHalfToEvenLikeTorchvision() {
        assertThat(ResizeGeometry.centreOffset(225, 224)).isEqualTo(0); // round(0.5) = 0
        assertThat(ResizeGeometry.centreOffset(226, 224)).isEqualTo(1);
        assertThat(ResizeGeometry.centreOffset(227, 224)).isEqualTo(2); // round(1.5) = 2
        assertThat(ResizeGeometry.centreOffset(229, 224)).isEqualTo(2); // round(2.5) = 2
        assertThat(ResizeGeometry.centreOffset(231, 224)).isEqualTo(4); // round(3.5) = 4
        assertThat(ResizeGeometry.centreOffset(224, 224)).isEqualTo(0);
    }

    @Test
    void shorterSideCropReadsTheRightSourcePixels() {
        // Red marks source column 62; green is the row number. Output column 0 is resized column 80,
        // at source x = (80.5·300/384) − 0.5 = 62.390625: red = (1 − 0.390625)·255 = 155.390625.
        // Output column 1 is at 63.171875, past the mark: red 0. Output row 0 is resized row 16, at
        // source y = (16.5·200/256) − 0.5 = 12.390625, which is its green value.
        RgbaImage image = TestImages.of(300, 200, (x, y) -> new int[] {x == 62 ? 255 : 0, y, 0, 255});
        PlanarImage p = resized(TestImages.recipe(224, 224).resizeTo(256), image);
        assertThat(p.width()).isEqualTo(224);
        assertThat(p.height()).isEqualTo(224);
        assertThat(p.get(0, 0, 0)).isCloseTo(155.390625, within(1e-12));
        assertThat(p.get(0, 1, 0)).isEqualTo(0.0);
        assertThat(p.get(1, 0, 0)).isCloseTo(12.390625, within(1e-12));
        assertThat(p.get(1, 0, 223)).isCloseTo(((223 + 16 + 0.5) * 200 / 256) - 0.5, within(1e-12));
    }

    @Test
    void extremeAspectRatiosCostOnlyTheCrop() {
        // 4096x1 with its shorter side to 224 is 917504 pixels wide; only the 224 cropped columns are computed.
        ImageRecipe r = TestImages.recipe(224, 224).build();
        assertThat(ResizeGeometry.of(r, 4096, 1).resizedWidth).isEqualTo(917504);
        RgbaImage strip = TestImages.of(4096, 1, (x, y) -> new int[] {x % 256, 7, 0, 255});
        Tensor t = new ImagePreprocessor(r).toTensor(strip);
        assertThat(t.shape()).containsExactly(1, 3, 224, 224);
        assertThat(t.floats()[224 * 224]).isEqualTo((float) (7 * (1 / 255.0)));
    }

    @Test
    void noneCropsTheCentreWithoutResampling() {
        PlanarImage p = resized(TestImages.recipe(2, 2).resize(ResizeMode.NONE).channels(ChannelOrder.GRAYSCALE),
                TestImages.gray(4, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        assertThat(firstPlane(p)).containsExactly(5.0, 6.0, 9.0, 10.0);
        assertThatThrownBy(() -> resized(TestImages.recipe(2, 2).resize(ResizeMode.NONE), TestImages.gray(1, 3, 0, 0, 0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("expected an image of at least 2x2 pixels (this model crops but does not resize), found 1x3");
    }

    @Test
    void bgrSwapsRedAndBlue() {
        RgbaImage px = TestImages.solid(1, 1, 10, 20, 30, 255);
        ImageRecipe.Builder raw = TestImages.recipe(1, 1).scale(1);
        assertThat(new ImagePreprocessor(raw.build()).toTensor(px).floats()).containsExactly(10f, 20f, 30f);
        assertThat(new ImagePreprocessor(raw.channels(ChannelOrder.BGR).build()).toTensor(px).floats())
                .containsExactly(30f, 20f, 10f);
    }

    @Test
    void layoutPutsEachValueWhereTheModelReadsIt() {
        // Channel c of pixel (x, y) is 100c + 10y + x + 1.
        RgbaImage image = TestImages.of(2, 2, (x, y) -> new int[] {10 * y + x + 1, 100 + 10 * y + x + 1, 200 + 10 * y + x + 1, 255});
        ImageRecipe.Builder raw = TestImages.recipe(2, 2).resize(ResizeMode.NONE).scale(1);
        Tensor nchw = new ImagePreprocessor(raw.build()).toTensor(image);
        assertThat(nchw.shape()).containsExactly(1, 3, 2, 2);
        assertThat(nchw.floats()).containsExactly(1, 2, 11, 12, 101, 102, 111, 112, 201, 202, 211, 212);
        Tensor nhwc = new ImagePreprocessor(raw.layout(Layout.NHWC).build()).toTensor(image);
        assertThat(nhwc.shape()).containsExactly(1, 2, 2, 3);
        assertThat(nhwc.floats()).containsExactly(1, 101, 201, 2, 102, 202, 11, 111, 211, 12, 112, 212);
    }

    @Test
    void meanAndStdApplyPerChannel() {
        // (255/255 − 0.5)/0.5 = 1; (0 − 0.25)/0.25 = −1; (51/255 − 0.2)/0.1 = 0.
        ImageRecipe r = TestImages.recipe(1, 1).mean(0.5, 0.25, 0.2).std(0.5, 0.25, 0.1).build();
        float[] v = new ImagePreprocessor(r).toTensor(TestImages.solid(1, 1, 255, 0, 51, 255)).floats();
        assertThat(v[0]).isCloseTo(1f, within(1e-6f));
        assertThat(v[1]).isEqualTo(-1f);
        assertThat(v[2]).isCloseTo(0f, within(1e-6f));
        // ImageNet's numbers in 0..255 units, scale 1: (124 − 123.675) / 58.395.
        ImageRecipe caffe = TestImages.recipe(1, 1).scale(1).mean(123.675, 116.28, 103.53).std(58.395, 57.12, 57.375).build();
        float[] c = new ImagePreprocessor(caffe).toTensor(TestImages.solid(1, 1, 124, 0, 0, 255)).floats();
        assertThat(c[0]).isEqualTo((float) ((124 - 123.675) / 58.395));
    }

    @Test
    void eachValueIsRoundedToFloatOnceFromDouble() {
        ImageRecipe r = TestImages.recipe(5, 3).resize(ResizeMode.EXACT).mean(0.485, 0.456, 0.406).std(0.229, 0.224, 0.225).build();
        ImagePreprocessor pre = new ImagePreprocessor(r);
        RgbaImage image = TestImages.noise(11, 7, 42);
        PlanarImage p = pre.resized(image);
        float[] t = pre.toTensor(image).floats();
        double[] mean = r.mean();
        double[] std = r.std();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 15; i++) {
                assertThat(t[c * 15 + i]).isEqualTo((float) ((p.values()[c * 15 + i] * (1 / 255.0) - mean[c]) / std[c]));
            }
        }
    }

    @Test
    void transparentPixelsAreCompositedOverTheBackground() {
        // (200·51 + 255·204) / 255 = 244 over white; 200·51/255 = 40 over black.
        RgbaImage faint = TestImages.solid(1, 1, 200, 200, 200, 51);
        assertThat(resized(TestImages.recipe(1, 1), faint).values()).containsExactly(244.0, 244.0, 244.0);
        assertThat(resized(TestImages.recipe(1, 1).background(0), faint).values()).containsExactly(40.0, 40.0, 40.0);
        assertThat(resized(TestImages.recipe(1, 1).alpha(AlphaMode.IGNORE), faint).values()).containsExactly(200.0, 200.0, 200.0);
        // An empty canvas pixel (0, 0, 0, 0) is the page's white, not black.
        assertThat(resized(TestImages.recipe(1, 1), TestImages.solid(1, 1, 0, 0, 0, 0)).values())
                .containsExactly(255.0, 255.0, 255.0);
    }

    @Test
    void grayscaleUsesBt601Weights() {
        ImageRecipe.Builder gray = TestImages.recipe(1, 1).channels(ChannelOrder.GRAYSCALE);
        PlanarImage p = resized(gray, TestImages.solid(1, 1, 10, 20, 30, 255));
        assertThat(p.channels()).isEqualTo(1);
        assertThat(p.values()[0]).isCloseTo(0.299 * 10 + 0.587 * 20 + 0.114 * 30, within(1e-12)); // 18.15
        assertThat(resized(gray, TestImages.solid(1, 1, 255, 0, 0, 255)).values()[0]).isCloseTo(0.299 * 255, within(1e-12));
        assertThat(new ImagePreprocessor(gray.build()).outputShape()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void normaliseRefusesAPictureOfTheWrongSize() {
        ImagePreprocessor pre = new ImagePreprocessor(TestImages.recipe(2, 2).build());
        assertThatThrownBy(() -> pre.normalise(new PlanarImage(3, 2, 1, new double[6])))
                .hasMessage("expected a 3x2x2 planar image, found 3x2x1");
    }
}
