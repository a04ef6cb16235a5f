package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The penguins bundle (tabular-classification) over HTTP: a record of features in, species out. */
class TabularPredictApiTest extends DefaultServerTest {
    static final String PREDICT = "/api/v1/models/penguins/predict";

    static Map<String, Object> adelie() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("island", "Torgersen");
        r.put("bill_length_mm", 39.1);
        r.put("bill_depth_mm", 18.7);
        r.put("flipper_length_mm", 181);
        r.put("body_mass_g", 3750);
        r.put("sex", "MALE");
        return r;
    }

    @Test
    void classifiesARecordWithTheDigitClassifiersResultShape() {
        assertThat(json(server.get("/api/v1/models/penguins")).get("task").asText()).isEqualTo("tabular-classification");
        HttpResponse<String> r = server.postJson(PREDICT, Map.of("input", adelie()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode output = json(r).get("output");
        assertThat(output).hasSize(3);
        assertThat(output.get(0).get("label").asText()).isEqualTo("Adelie");
        double sum = 0;
        for (JsonNode s : output) {
            sum += s.get("score").asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void theBuiltBundleWasTrainedAboveTheAccuracyTarget() {
        // The models module trains it from npm vega-datasets' penguins.json with `converter train`.
        JsonNode provenance = json(server.get("/models/penguins/manifest.json")).path("provenance");
        assertThat(provenance.path("testAccuracy").asDouble()).as(provenance.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(provenance.path("source").asText()).contains("vega-datasets");
    }

    @Test
    void liveRecordsCountTowardsDriftAgainstTheTrainingSplit() {
        JsonNode before = json(server.get("/api/v1/models/penguins/drift")).path("sources").path("server");
        long samples = before.path("samples").asLong();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> record = adelie();
            record.put("bill_length_mm", 36.0 + i); // distinct records: a cache hit is not counted again
            assertThat(server.postJson(PREDICT, Map.of("input", record)).statusCode()).isEqualTo(200);
        }
        JsonNode after = json(server.get("/api/v1/models/penguins/drift")).path("sources").path("server");
        // The reference holds the 9 encoded columns over the training split; each request adds one sample.
        assertThat(after.path("features")).hasSize(9);
        assertThat(after.path("samples").asLong()).isGreaterThanOrEqualTo(samples + 5);
    }

    @Test
    void missingFeaturesAreAllowedAsNullOrLeftOut() {
        Map<String, Object> partial = new HashMap<>();
        partial.put("island", "Biscoe");
        partial.put("flipper_length_mm", 225);
        partial.put("sex", null);
        HttpResponse<String> r = server.postJson(PREDICT, Map.of("input", partial));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("output").get(0).get("label").asText()).isEqualTo("Gentoo");
    }

    @Test
    void badRecordsAre400WithAJsonReason() {
        Map<String, Object> unknownCategory = adelie();
        unknownCategory.put("island", "Atlantis");
        expect400(Map.of("input", unknownCategory), "feature 'island': unknown category 'Atlantis' (known: Biscoe, Dream, Torgersen)");
        Map<String, Object> unknownFeature = adelie();
        unknownFeature.put("wingspan", 1.0);
        expect400(Map.of("input", unknownFeature), "unknown feature 'wingspan'");
        Map<String, Object> wrongType = adelie();
        wrongType.put("body_mass_g", "heavy");
        expect400(Map.of("input", wrongType), "feature 'body_mass_g' must be a number, got a string ('heavy')");
        Map<String, Object> nested = adelie();
        nested.put("sex", List.of("MALE"));
        expect400(Map.of("input", nested), "feature 'sex' must be a number, a string or null");
        expect400(Map.of("input", "a penguin"), "this model takes an object of features");
    }

    private static void expect400(Object body, String message) {
        HttpResponse<String> r = server.postJson(PREDICT, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).startsWith(message);
        assertThat(json(r).has("error")).isTrue();
    }
}
