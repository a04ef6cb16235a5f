package io.tandem.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pieces of the request boundary: echoes, Unicode, media types, strict JSON. */
class RequestBoundaryTest {
    private final RequestBodies bodies = new RequestBodies(1024);

    @Test
    void echoesAreCutToAHundredCharactersOnOneLine() {
        assertThat(Echo.of("short")).isEqualTo("short");
        String cut = Echo.of("x".repeat(5000));
        assertThat(cut).hasSize(101).endsWith("…");
        assertThat(Echo.of("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(Echo.of("lone \ud800 here")).isEqualTo("lone ? here");
        assertThat(Echo.of("pair \ud83d\ude00 kept")).isEqualTo("pair \ud83d\ude00 kept");
        // a pair is never split at the cut
        assertThat(Echo.of("x".repeat(99) + "\ud83d\ude00")).isEqualTo("x".repeat(99) + "…");
        assertThat(Echo.message("m".repeat(1000))).hasSize(Echo.MAX_MESSAGE_CHARS + 1);
    }

    @Test
    void loneSurrogatesAreFoundAndPairsAreNot() {
        assertThat(StrictUnicode.firstLoneSurrogate("plain")).isEqualTo(-1);
        assertThat(StrictUnicode.firstLoneSurrogate("\ud83d\ude00 ok")).isEqualTo(-1);
        assertThat(StrictUnicode.firstLoneSurrogate("T \ud800 x")).isEqualTo(2);
        assertThat(StrictUnicode.firstLoneSurrogate("\ude00")).isZero();
        assertThat(StrictUnicode.firstLoneSurrogate("end \ud800")).isEqualTo(4);
        assertThat(StrictUnicode.firstLoneSurrogate("\ude00\ud800")).isZero();
    }

    @Test
    void onlyApplicationJsonInUtf8IsJson() {
        assertThat(RequestBodies.isJson("application/json")).isTrue();
        assertThat(RequestBodies.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(RequestBodies.isJson("application/json;charset=\"utf-8\"")).isTrue();
        assertThat(RequestBodies.isJson("application/jsonpwned")).isFalse();
        assertThat(RequestBodies.isJson("application/json-patch+json")).isFalse();
        assertThat(RequestBodies.isJson("application/json; charset=latin1")).isFalse();
        assertThat(RequestBodies.isJson("text/json")).isFalse();
        assertThat(RequestBodies.isJson(null)).isFalse();
        assertThat(RequestBodies.mediaType(" image/PNG ; q=1")).isEqualTo("image/png");
    }

    @Test
    void jsonIsOneStrictDocument() {
        assertThat(bodies.parse(utf8("{\"input\": \"a\"}")).path("input").asText()).isEqualTo("a");
        assertRefused("{\"input\":\"a\"} x", "not valid JSON");
        assertRefused("{\"a\":1}{\"b\":2}", "not valid JSON");
        assertRefused("{\"a\":1,\"a\":2}", "not valid JSON");
        assertRefused("", "empty");
        assertRefused("[".repeat(100) + "]".repeat(100), "nested deeper than");
        assertRefused("{\"n\":" + "1".repeat(500) + "}", "longer than");
        assertRefused("{\"t\":\"\\ud800\"}", "unpaired surrogate");
        assertThatThrownBy(() -> bodies.parse(new byte[]{'"', (byte) 0xc3, '"'}))
                .isInstanceOf(ApiException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void parserMessagesNameNoInternals() {
        try {
            bodies.parse(utf8("{\"a\": tru }"));
        } catch (ApiException e) {
            assertThat(e.getMessage()).contains("line 1").doesNotContain("Exception", "jackson", "Unrecognized");
            return;
        }
        throw new AssertionError("accepted bad JSON");
    }

    private void assertRefused(String body, String message) {
        assertThatThrownBy(() -> bodies.parse(utf8(body))).isInstanceOf(ApiException.class)
                .hasMessageContaining(message).hasMessageNotContaining("StreamReadConstraints");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
