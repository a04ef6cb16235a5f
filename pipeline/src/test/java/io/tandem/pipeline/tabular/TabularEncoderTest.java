package io.tandem.pipeline.tabular;

import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularEncoderTest {
    /** mean and std are exact binary fractions, so the expected values below are exact too. */
    static final String CONFIG = "{\"type\":\"tabular\",\"input\":\"features\",\"features\":["
            + "{\"name\":\"bill\",\"kind\":\"numeric\",\"mean\":40.5,\"std\":2.5,\"missing\":\"mean\"},"
            + "{\"name\":\"island\",\"kind\":\"categorical\",\"categories\":[\"Biscoe\",\"Dream\",\"Torgersen\"],\"missing\":\"all-zero\"},"
            + "{\"name\":\"mass\",\"kind\":\"numeric\",\"mean\":4000,\"std\":800}]}";

    static TabularEncoder encoder() {
        return TabularEncoder.fromConfig(JsonObject.parse(CONFIG, "preprocessing"));
    }

    static Map<String, Object> record(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void standardisesNumbersAndOneHotsCategoriesInListedOrder() {
        TabularEncoder e = encoder();
        assertThat(e.width()).isEqualTo(5);
        assertThat(e.columns()).containsExactly("bill", "island=Biscoe", "island=Dream", "island=Torgersen", "mass");
        // (45.5 - 40.5) / 2.5 = 2; (3600 - 4000) / 800 = -0.5
        assertThat(e.encode(record("island", "Dream", "bill", 45.5, "mass", 3600L)))
                .containsExactly(2f, 0f, 1f, 0f, -0.5f);
    }

    @Test
    void missingNumbersBecomeTheMeanAndMissingCategoriesAllZero() {
        TabularEncoder e = encoder();
        assertThat(e.encode(record("bill", null, "island", null))).containsExactly(0f, 0f, 0f, 0f, 0f);
        assertThat(e.encode(new HashMap<>())).containsExactly(0f, 0f, 0f, 0f, 0f);
        assertThat(e.encode(record("island", "Torgersen"))).containsExactly(0f, 0f, 0f, 1f, 0f);
    }

    @Test
    void roundsToFloatOnceAfterDoubleArithmetic() {
        NumericFeature f = new NumericFeature("x", 0.1, 0.3);
        float[] out = new float[1];
        f.encode(0.7, out, 0);
        assertThat(out[0]).isEqualTo((float) ((0.7 - 0.1) / 0.3));
    }

    @Test
    void refusesUnknownFeaturesWrongTypesAndUnknownCategories() {
        TabularEncoder e = encoder();
        assertThatThrownBy(() -> e.encode(record("beak", 1.0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown feature 'beak' (known: bill, island, mass)");
        assertThatThrownBy(() -> e.encode(record("bill", "45")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feature 'bill' must be a number, got a string ('45')");
        assertThatThrownBy(() -> e.encode(record("island", 2L)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feature 'island' must be one of [Biscoe, Dream, Torgersen], got a number (2)");
        assertThatThrownBy(() -> e.encode(record("island", "biscoe")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feature 'island': unknown category 'biscoe' (known: Biscoe, Dream, Torgersen)");
        assertThatThrownBy(() -> e.encode(record("bill", Double.NaN)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a finite number");
    }

    @Test
    void writesTheConfigItReads() {
        TabularEncoder e = encoder();
        TabularEncoder again = TabularEncoder.fromConfig(new JsonObject(e.toJson(), "preprocessing"));
        assertThat(again.toJson()).isEqualTo(e.toJson());
        assertThat(again.inputName()).isEqualTo("features");
    }

    @Test
    void refusesBadConfigs() {
        assertThatThrownBy(() -> TabularEncoder.fromConfig(JsonObject.parse(
                "{\"type\":\"tabular\",\"input\":\"x\",\"features\":[{\"name\":\"a\",\"kind\":\"ordinal\"}]}", "preprocessing")))
                .hasMessageContaining("unknown kind 'ordinal'");
        assertThatThrownBy(() -> TabularEncoder.fromConfig(JsonObject.parse(
                "{\"type\":\"tabular\",\"input\":\"x\",\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":0}]}", "preprocessing")))
                .hasMessageContaining("std must be a positive number");
        assertThatThrownBy(() -> TabularEncoder.fromConfig(JsonObject.parse(
                "{\"type\":\"tabular\",\"input\":\"x\",\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1,\"missing\":\"zero\"}]}", "preprocessing")))
                .hasMessageContaining("expected missing 'mean', found 'zero'");
    }
}
