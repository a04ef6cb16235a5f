package io.tandem.converter;

import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.MeasuredOn;
import io.tandem.converter.validate.Comparison;
import io.tandem.converter.validate.Gate;
import io.tandem.pipeline.task.OutputKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GateTest {
    private static Comparison.Figures embedding(double minCosine) {
        return new Comparison.Figures(OutputKind.EMBEDDING, 600, minCosine, 0.997, Double.NaN, Double.NaN, Double.NaN, new double[0]);
    }

    @Test
    void aShortfallTooSmallForFourDecimalsStillShowsHowMuch() {
        MeasuredOn on = new MeasuredOn(Engine.WEB, "1.29.0", "wasm", 1, "x86_64: avx2");
        assertThat(Gate.defaults().refusal("int8", embedding(0.98997), on)).isEqualTo(
                "variant int8 refused on onnxruntime-web 1.29.0 wasm, 1 thread, x86_64: avx2: minCosine 0.98997 is 0.00003 below "
                        + "the gate 0.9900 (--min-cosine) over 600 inputs");
    }

    @Test
    void figuresAtTheGatePass() {
        assertThat(Gate.defaults().refusal("int8", embedding(0.99))).isNull();
        assertThat(Gate.defaults().refusal("int8", embedding(0.9912))).isNull();
    }
}
