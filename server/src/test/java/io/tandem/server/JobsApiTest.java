package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Jobs over HTTP: 202 + id, polling to the results, which equal single predictions; bad jobs are 400. */
class JobsApiTest extends DefaultServerTest {
    @Test
    void aJobEmbedsADocumentSetAndCanBePolledToItsResults() throws Exception {
        List<String> docs = List.of("The cat sat on the mat.", "Markets fell on Tuesday.", "");
        HttpResponse<String> accepted = server.postJson("/api/v1/models/minilm-l6-v2/jobs", Map.of("inputs", docs));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        JsonNode job = json(accepted);
        long until = System.currentTimeMillis() + 30_000;
        while (!job.get("state").asText().matches("succeeded|failed") && System.currentTimeMillis() < until) {
            Thread.sleep(20);
            job = json(server.get("/api/v1/jobs/" + id));
        }
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("progress").get("done").asInt()).isEqualTo(3);
        JsonNode results = job.get("results");
        assertThat(results).hasSize(3);
        JsonNode single = json(server.postJson("/api/v1/models/minilm-l6-v2/predict?cache=false", Map.of("input", docs.get(1)))).get("output");
        for (int d = 0; d < 384; d++) {
            assertThat(results.get(1).get(d).asDouble()).isCloseTo(single.get(d).asDouble(), within(1e-5));
        }
    }

    @Test
    void progressAndTheResultArePushedAsServerSentEvents() throws Exception {
        List<String> docs = java.util.Collections.nCopies(5, "push me");
        String id = json(server.postJson("/api/v1/models/minilm-l6-v2/jobs", Map.of("inputs", docs))).get("id").asText();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/api/v1/jobs/" + id + "/events")))
                .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(30)).GET().build();
        HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> lines = stream.body().toList();   // the server ends the stream after 'done'
        int done = lines.indexOf("event: done");
        assertThat(done).as(String.join("\n", lines)).isNotNegative();
        JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(done + 1).substring("data: ".length()));
        assertThat(job.get("state").asText()).isEqualTo("succeeded");
        assertThat(job.get("results")).hasSize(5);
        assertThat(lines.stream().filter(l -> l.startsWith("data: ")).count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void oneCallerCannotTakeEveryJobSlot() {
        // Jobs of 256 inputs take a second or more each; three sent at once find the first two unfinished.
        // A server of its own: the other tests here must not meet these jobs.
        List<String> docs = java.util.Collections.nCopies(256, "a sentence long enough to take the model a moment to embed");
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        try (RunningServer own = RunningServer.withTestModels()) {
            for (int i = 0; i < 3; i++) {
                answers.add(own.postJson("/api/v1/models/minilm-l6-v2/jobs", Map.of("inputs", docs)));
            }
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(202);
        assertThat(answers.get(1).statusCode()).isEqualTo(202);
        HttpResponse<String> third = answers.get(2);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(json(third).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void badJobsAreRefusedUpFrontAndUnknownJobsAre404() {
        HttpResponse<String> empty = server.postJson("/api/v1/models/minilm-l6-v2/jobs", Map.of("inputs", List.of()));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("error").asText()).isEqualTo("bad_request");
        HttpResponse<String> wrongKind = server.postJson("/api/v1/models/mnist-cnn/jobs", Map.of("inputs", List.of("seven")));
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(json(wrongKind).get("message").asText()).contains("inputs[0]");
        HttpResponse<String> unknown = server.get("/api/v1/jobs/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
    }
}
