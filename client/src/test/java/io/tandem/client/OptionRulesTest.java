package io.tandem.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OptionRulesTest {
    @Test
    void acceptsWhatTheReadmeDocuments() {
        assertThat(OptionRules.check("device", "string", Double.NaN)).isNull();
        assertThat(OptionRules.check("threads", "number", 4)).isNull();
        assertThat(OptionRules.check("fallback", "boolean", Double.NaN)).isNull();
        assertThat(OptionRules.check("onProgress", "function", Double.NaN)).isNull();
        assertThat(OptionRules.check("shareStatsEvery", "number", 1000)).isNull();
        assertThat(OptionRules.check("variant", "null", Double.NaN)).as("null is the default").isNull();
        assertThat(OptionRules.check("variant", "undefined", Double.NaN)).isNull();
    }

    @Test
    void refusesWrongTypesAndRangesWithTheOptionAndWhatItTakes() {
        assertThat(OptionRules.check("threads", "string", Double.NaN)).isEqualTo("option threads takes a whole number from 1 to 64, not a string");
        assertThat(OptionRules.check("threads", "number", 0)).isEqualTo("option threads takes a whole number from 1 to 64, not 0");
        assertThat(OptionRules.check("threads", "number", 2.5)).isEqualTo("option threads takes a whole number from 1 to 64, not 2.5");
        assertThat(OptionRules.check("threads", "number", Double.NaN)).contains("not NaN");
        assertThat(OptionRules.check("threads", "number", 65)).contains("not 65");
        assertThat(OptionRules.check("fallback", "string", Double.NaN)).isEqualTo("option fallback takes true or false, not a string");
        assertThat(OptionRules.check("onProgress", "object", Double.NaN)).isEqualTo("option onProgress takes a function, not an object");
        assertThat(OptionRules.check("shareStatsEvery", "number", 1001)).contains("1 to 1000");
        assertThat(OptionRules.check("device", "number", 3)).isEqualTo("option device takes a string, not 3");
    }

    @Test
    void anUnknownOptionNamesTheKnownOnesAndAHugeKeyIsShortened() {
        assertThat(OptionRules.check("thread", "number", 2)).isEqualTo(
                "unknown option 'thread'; load() takes device, variant, baseUrl, onProgress, fallback, threads, worker, shareStats, shareStatsEvery");
        assertThat(OptionRules.check("x".repeat(100_000), "number", 2)).hasSizeLessThan(200);
    }
}
