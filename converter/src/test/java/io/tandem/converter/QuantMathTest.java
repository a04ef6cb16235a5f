package io.tandem.converter;

import io.tandem.converter.quant.Float16;
import io.tandem.converter.quant.QuantMath;
import io.tandem.converter.quant.QuantMath.Params;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The quantisation rules against values worked out by hand. */
class QuantMathTest {
    @Test
    void symmetricScaleMapsTheLargestMagnitudeTo127() {
        Params p = QuantMath.symmetric(-2.54f, 1f);
        assertThat(p.scale()).isCloseTo(0.02f, within(1e-7f));
        assertThat(p.zeroPoint()).isZero();
        assertThat(QuantMath.quantizeInt8(-2.54f, p)).isEqualTo(-127);
        assertThat(QuantMath.quantizeInt8(1f, p)).isEqualTo(50);
    }

    @Test
    void asymmetricRangeIncludesZeroAndZeroIsExact() {
        // [-1, 3]: scale 4/255; zero point round(-128 + 1/(4/255)) = round(-64.25) = -64.
        Params p = QuantMath.asymmetric(-1f, 3f);
        assertThat(p.scale()).isCloseTo(4f / 255f, within(1e-9f));
        assertThat(p.zeroPoint()).isEqualTo(-64);
        assertThat(QuantMath.quantizeInt8(0f, p)).isEqualTo(-64);
        assertThat(QuantMath.quantizeInt8(-1f, p)).isEqualTo(-128);
        assertThat(QuantMath.quantizeInt8(3f, p)).isEqualTo(127);
        // [0.5, 2] widens to [0, 2]: zero point -128.
        assertThat(QuantMath.asymmetric(0.5f, 2f)).isEqualTo(new Params(2f / 255f, -128));
    }

    @Test
    void roundsHalfToEvenAsOnnxDoes() {
        assertThat(QuantMath.quantize(2.5f, 1f, 0, -128, 127)).isEqualTo(2);
        assertThat(QuantMath.quantize(3.5f, 1f, 0, -128, 127)).isEqualTo(4);
        assertThat(QuantMath.quantize(-2.5f, 1f, 0, -128, 127)).isEqualTo(-2);
        assertThat(QuantMath.quantize(-3.5f, 1f, 0, -128, 127)).isEqualTo(-4);
        assertThat(QuantMath.quantize(2.5001f, 1f, 0, -128, 127)).isEqualTo(3);
        // The zero point is added after rounding: 0.5 → 0, + 10.
        assertThat(QuantMath.quantize(0.5f, 1f, 10, 0, 255)).isEqualTo(10);
    }

    @Test
    void saturatesAtTheRangeEnds() {
        assertThat(QuantMath.quantize(1000f, 1f, 0, -128, 127)).isEqualTo(127);
        assertThat(QuantMath.quantize(-1000f, 1f, 0, -128, 127)).isEqualTo(-128);
        assertThat(QuantMath.quantize(300f, 1f, 0, 0, 255)).isEqualTo(255);
        assertThat(QuantMath.quantize(-3f, 1f, 0, 0, 255)).isEqualTo(0);
        assertThat(QuantMath.quantize(120f, 1f, 10, -128, 127)).isEqualTo(127);
    }

    @Test
    void allZeroRangeGetsScaleOne() {
        assertThat(QuantMath.symmetric(0f, 0f)).isEqualTo(new Params(1f, 0));
        assertThat(QuantMath.asymmetric(0f, 0f)).isEqualTo(new Params(1f, 0));
    }

    @Test
    void perChannelGivesEachOutputColumnItsOwnScale() {
        // W = [[1, -4], [2, 0.5]]: column 0 max |w| 2, column 1 max |w| 4.
        float[] w = {1f, -4f, 2f, 0.5f};
        Params[] p = QuantMath.perColumn(w, 2, 2, true);
        assertThat(p[0].scale()).isCloseTo(2f / 127f, within(1e-9f));
        assertThat(p[1].scale()).isCloseTo(4f / 127f, within(1e-9f));
        // 1/(2/127) = 63.5 → 64 (half to even); 0.5/(4/127) = 15.875 → 16.
        assertThat(QuantMath.quantizeColumns(w, 2, 2, p)).containsExactly(64, -127, 127, 16);
        // Per tensor the small column loses resolution: 1/(4/127) = 31.75 → 32.
        Params t = QuantMath.perTensor(w, true);
        assertThat(QuantMath.quantizeColumns(w, 2, 2, new Params[] {t})).containsExactly(32, -127, 64, 16);
    }

    @Test
    void asymmetricPerColumnHasZeroPoints() {
        float[] w = {0f, -1f, 2f, 3f}; // column 0 in [0, 2], column 1 in [-1, 3]
        Params[] p = QuantMath.perColumn(w, 2, 2, false);
        assertThat(p[0].zeroPoint()).isEqualTo(-128);
        assertThat(p[1].zeroPoint()).isEqualTo(-64);
        assertThat(QuantMath.dequantize(QuantMath.quantizeInt8(2f, p[0]), p[0])).isCloseTo(2f, within(1e-6f));
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        assertThat(QuantMath.transpose(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void float16RoundsToNearestEvenAndSaturates() {
        assertThat(Float16.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Float16.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Float16.fromFloat(0.1f)).isEqualTo((short) 0x2e66);
        assertThat(Float16.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Float16.fromFloat(1e6f)).isEqualTo((short) 0x7bff);
        assertThat(Float16.fromFloat(-3.4e38f)).isEqualTo((short) 0xfbff);
        assertThat(Float16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(Float16.fromFloat(0x1p-26f)).isEqualTo((short) 0x0000);
        // Halfway between 1 and the next fp16 (1 + 2^-10) goes to the even one, 1.
        assertThat(Float16.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(Float16.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        assertThat(Float16.toFloat((short) 0x3555)).isCloseTo(0.33325f, within(1e-5f));
        assertThat(Float16.toFloat(Float16.fromFloat(-0.75f))).isEqualTo(-0.75f);
    }
}
