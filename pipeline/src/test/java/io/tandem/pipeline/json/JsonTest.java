package io.tandem.pipeline.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse("{\"s\":\"a\\u00e9\\n\\\"\",\"i\":42,\"d\":-1.5e2,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2],{}]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.get("s")).isEqualTo("aé\n\"");
        assertThat(m.get("i")).isEqualTo(42L);
        assertThat(m.get("d")).isEqualTo(-150.0);
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo(false);
        assertThat(m).containsEntry("n", null);
        assertThat((List<?>) m.get("a")).hasSize(3);
    }

    @Test
    void writesWhatItReads() {
        String text = "{\"id\":\"x\",\"shape\":[\"batch\",1,28],\"nested\":{\"k\":[{\"v\":0.25}]},\"ctl\":\"\\u0001\"}";
        Object parsed = Json.parse(text);
        assertThat(Json.writeCompact(parsed)).isEqualTo(text);
        assertThat(Json.parse(Json.write(parsed))).isEqualTo(parsed);
    }

    @Test
    void keepsKeyOrder() {
        assertThat(Json.writeCompact(Json.parse("{\"z\":1,\"a\":2,\"m\":3}"))).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
    }

    @Test
    void reportsWhereTheJsonIsBroken() {
        assertThatThrownBy(() -> Json.parse("{\"a\": tru}")).isInstanceOf(JsonException.class).hasMessageContaining("offset 6");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
    }

    @Test
    void typedAccessNamesTheField() {
        JsonObject o = JsonObject.parse("{\"n\":\"x\",\"list\":[1]}", "config");
        assertThatThrownBy(() -> o.number("n")).hasMessage("config: field 'n' must be a number");
        assertThatThrownBy(() -> o.string("missing")).hasMessage("config: missing field 'missing'");
        assertThatThrownBy(() -> o.strings("list")).hasMessage("config: field 'list' must be an array of strings");
        assertThat(o.number("other", 3.0)).isEqualTo(3.0);
    }
}
