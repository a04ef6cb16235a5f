package io.tandem.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonException;

/**
 * The pipeline's JSON reader reads manifests in the browser and on the server, and recipes and
 * training data in the converter: any text either parses or is refused with a JsonException —
 * never another exception, a StackOverflowError or a hang — and what parses writes back to text
 * that parses to the same.
 */
class JsonFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void anyTextParsesOrIsRefusedCleanly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Object value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            return;
        }
        String once = Json.writeCompact(value);
        String twice = Json.writeCompact(Json.parse(once));
        if (!once.equals(twice)) {
            throw new AssertionError("write(parse(write(v))) differs from write(v): " + once + " vs " + twice);
        }
    }
}
