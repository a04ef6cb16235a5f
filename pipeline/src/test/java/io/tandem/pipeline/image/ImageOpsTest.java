package io.tandem.pipeline.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImageOpsTest {
    static RgbaImage solid(int w, int h, int gray, int alpha) {
        byte[] px = new byte[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            px[i * 4] = (byte) gray;
            px[i * 4 + 1] = (byte) gray;
            px[i * 4 + 2] = (byte) gray;
            px[i * 4 + 3] = (byte) alpha;
        }
        return new RgbaImage(w, h, px);
    }

    @Test
    void transparentPixelsAreWhite() {
        GrayImage g = ImageOps.grayscaleOverWhite(solid(2, 2, 0, 0));
        assertThat(g.pixels()).containsOnly(255.0);
        GrayImage black = ImageOps.grayscaleOverWhite(solid(1, 1, 0, 255));
        assertThat(black.pixels()).containsExactly(0.0);
    }

    @Test
    void lumaWeightsFollowBt601() {
        byte[] red = {(byte) 255, 0, 0, (byte) 255};
        assertThat(ImageOps.grayscaleOverWhite(new RgbaImage(1, 1, red)).get(0, 0)).isCloseTo(0.299 * 255, within(1e-9));
    }

    @Test
    void lightBackgroundIsInvertedAndStretched() {
        GrayImage g = new GrayImage(3, 3, new double[] {200, 200, 200, 200, 50, 200, 200, 200, 200});
        GrayImage ink = ImageOps.toInk(g);
        assertThat(ink.get(1, 1)).isEqualTo(255.0);
        assertThat(ink.get(0, 0)).isEqualTo(0.0);
    }

    @Test
    void darkBackgroundIsKept() {
        GrayImage g = new GrayImage(3, 3, new double[] {0, 0, 0, 0, 128, 0, 0, 0, 0});
        assertThat(ImageOps.toInk(g).get(1, 1)).isEqualTo(255.0);
    }

    @Test
    void inkBoundsAreTight() {
        GrayImage g = new GrayImage(5, 4);
        g.set(1, 2, 100);
        g.set(3, 1, 100);
        assertThat(ImageOps.inkBounds(g, 32)).containsExactly(1, 1, 4, 3);
        assertThat(ImageOps.inkBounds(new GrayImage(2, 2), 32)).isNull();
    }

    @Test
    void areaResizeAveragesBlocks() {
        GrayImage g = new GrayImage(4, 2, new double[] {0, 100, 50, 50, 100, 0, 50, 50});
        GrayImage half = ImageOps.resizeArea(g, 2, 1);
        assertThat(half.pixels()).containsExactly(50.0, 50.0);
    }

    @Test
    void areaResizeUsesFractionalCoverage() {
        GrayImage g = new GrayImage(3, 1, new double[] {0, 90, 180});
        // Two output pixels each cover 1.5 source pixels: (0 + 0.5*90)/1.5 and (0.5*90 + 180)/1.5.
        assertThat(ImageOps.resizeArea(g, 2, 1).pixels()).containsExactly(30.0, 150.0);
    }

    @Test
    void upscalingKeepsAConstantImageConstant() {
        GrayImage g = new GrayImage(2, 2, new double[] {77, 77, 77, 77});
        for (double v : ImageOps.resizeArea(g, 7, 5).pixels()) {
            assertThat(v).isCloseTo(77.0, within(1e-9));
        }
    }

    @Test
    void centreOfMassOfASinglePixel() {
        GrayImage g = new GrayImage(4, 4);
        g.set(3, 0, 10);
        assertThat(ImageOps.centreOfMass(g)).containsExactly(3.0, 0.0);
        assertThat(ImageOps.centreOfMass(new GrayImage(4, 3))).containsExactly(1.5, 1.0);
    }

    @Test
    void pasteClipsAtTheEdges() {
        GrayImage src = new GrayImage(2, 2, new double[] {1, 2, 3, 4});
        GrayImage dst = new GrayImage(2, 2);
        ImageOps.paste(src, dst, 1, -1);
        assertThat(dst.pixels()).containsExactly(0.0, 3.0, 0.0, 0.0);
    }
}
