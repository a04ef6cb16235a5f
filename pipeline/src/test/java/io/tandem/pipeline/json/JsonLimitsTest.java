package io.tandem.pipeline.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile JSON (deep nesting, huge or infinite numbers, bad escapes) fails as a JsonException, never the stack. */
class JsonLimitsTest {
    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + close.repeat(depth);
    }

    @Test
    void nestingUpToTheBoundIsRead() {
        assertThat(Json.parse(nested("[", "]", JsonReader.MAX_DEPTH))).isNotNull();
        String objects = "{\"a\":".repeat(JsonReader.MAX_DEPTH - 1) + "{}" + "}".repeat(JsonReader.MAX_DEPTH - 1);
        assertThat(Json.parse(objects)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {JsonReader.MAX_DEPTH + 1, 1000, 100_000})
    void deeperArraysFailCleanly(int depth) {
        assertThatThrownBy(() -> Json.parse(nested("[", "]", depth)))
                .isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON: nesting deeper than " + JsonReader.MAX_DEPTH + " at offset " + JsonReader.MAX_DEPTH);
    }

    @Test
    void deepObjectsFailCleanly() {
        String text = "{\"k\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting deeper than " + JsonReader.MAX_DEPTH);
    }

    @Test
    void unterminatedDeepNestingFailsCleanly() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting deeper than");
    }

    @Test
    void infiniteNumbersAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> Json.parse("[{\"a\":1},{\"x\":2,\"bill\":1e999}]"))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("(in [1].bill)")
                .hasMessageContaining("number '1e999' is out of range");
        assertThatThrownBy(() -> Json.parse("-1e400")).isInstanceOf(JsonException.class).hasMessageContaining("out of range");
    }

    @Test
    void tinyNumbersUnderflowToZeroAsInJavaScript() {
        assertThat(Json.parse("1e-999")).isEqualTo(0.0);
    }

    @Test
    void overlongNumbersAreRefused() {
        assertThatThrownBy(() -> Json.parse("1".repeat(JsonReader.MAX_NUMBER_LENGTH + 1)))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("number longer than " + JsonReader.MAX_NUMBER_LENGTH);
        assertThat(Json.parse("1".repeat(JsonReader.MAX_NUMBER_LENGTH))).isInstanceOf(Double.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u+123\"", "\"\\uzzzz\"", "\"\\u12\""})
    void badUnicodeEscapesAreJsonErrors(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class).hasMessageContaining("bad \\u escape");
    }

    @Test
    void errorsInsideObjectsNameTheKey() {
        assertThatThrownBy(() -> Json.parse("{\"model\":{\"vocab\":tru}}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON at offset 18 (in model.vocab): expected 'true'");
    }
}
