package io.tandem.pipeline.image;

import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DigitPreprocessorTest {
    private final DigitPreprocessor pre = new DigitPreprocessor(28, 20, 0.1307, 0.3081);

    /** A black vertical bar ("1") drawn on a large white canvas, off-centre. */
    private static RgbaImage barOnWhite(int size, int x0, int x1, int y0, int y1) {
        byte[] px = new byte[size * size * 4];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 4;
                boolean ink = x >= x0 && x < x1 && y >= y0 && y < y1;
                byte v = ink ? 0 : (byte) 255;
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v;
                px[i + 3] = (byte) 255;
            }
        }
        return new RgbaImage(size, size, px);
    }

    @Test
    void digitIsScaledToTheBoxAndCentredByMass() {
        GrayImage d = pre.centredDigit(barOnWhite(280, 20, 60, 10, 210));
        int[] b = ImageOps.inkBounds(d, 0);
        assertThat(b[3] - b[1]).isEqualTo(20);
        double[] com = ImageOps.centreOfMass(d);
        assertThat(com[0]).isCloseTo(14.0, within(0.5));
        assertThat(com[1]).isCloseTo(14.0, within(0.5));
    }

    @Test
    void emptyCanvasGivesTheBackgroundValueEverywhere() {
        Tensor t = pre.toTensor(barOnWhite(50, 0, 0, 0, 0));
        assertThat(t.shape()).containsExactly(1, 1, 28, 28);
        float background = (float) ((0 - 0.1307) / 0.3081);
        assertThat(t.floats()).containsOnly(background);
    }

    @Test
    void normalisationRoundsOnceFromDouble() {
        GrayImage g = new GrayImage(28, 28);
        g.set(0, 0, 255);
        g.set(1, 0, 128);
        Tensor t = pre.normalise(g);
        assertThat(t.floats()[0]).isEqualTo((float) ((1.0 - 0.1307) / 0.3081));
        assertThat(t.floats()[1]).isEqualTo((float) ((128 / 255.0 - 0.1307) / 0.3081));
    }

    @Test
    void refusesBadConfiguration() {
        assertThatThrownBy(() -> new DigitPreprocessor(28, 29, 0, 1)).hasMessageContaining("box 29");
        assertThatThrownBy(() -> new DigitPreprocessor(28, 20, 0, 0)).hasMessageContaining("std must be positive");
    }

    @Test
    void refusesImagesWhoseBytesDoNotMatchTheSize() {
        assertThatThrownBy(() -> new RgbaImage(2, 2, new byte[3])).hasMessageContaining("needs 16 bytes, got 3");
        assertThatThrownBy(() -> new RgbaImage(5000, 1, new byte[20000])).hasMessageContaining("largest accepted side");
    }
}
