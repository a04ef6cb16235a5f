package io.tandem.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The wrong method is 405, the event stream refuses what it cannot serve with a status and JSON, never an empty 200. */
class MethodAndStreamErrorsTest extends DefaultServerTest {
    @Test
    void getOnThePredictRouteIs405WithAllowAndJson() {

        HttpResponse<String> r = server.get("/api/v1/models/mnist-cnn/predict");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
        assertThat(json(r).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(r.headers().firstValue("Allow")).as(r.headers().map().toString()).hasValue("POST");
        assertThat(server.get("/api/v1/no/such/route").statusCode()).as("a route that does not exist is still 404").isEqualTo(404);
        assertThat(server.get("/index.html").statusCode()).as("pages still load").isEqualTo(200);
    }

    @Test
    void theEventsOfAnUnknownJobAre404() {
        HttpResponse<String> r = server.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/events", "Accept", "text/event-stream");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void theEventsWithoutAcceptingAnEventStreamAre406AndNameThePollingRoute() {
        HttpResponse<String> accepted = server.postJson("/api/v1/models/minilm-l6-v2/jobs", Map.of("inputs", List.of("one")));
        String id = json(accepted).get("id").asText();
        HttpResponse<String> r = server.get("/api/v1/jobs/" + id + "/events");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(406);
        assertThat(json(r).get("error").asText()).isEqualTo("not_acceptable");
        assertThat(json(r).get("message").asText()).contains("Accept: text/event-stream").contains("GET /api/v1/jobs/" + id);
    }
}
