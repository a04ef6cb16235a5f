package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.server.http.Route;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document is well-formed and lists every registered route, and no other. */
class OpenApiTest {
    @Test
    void everyRegisteredRouteIsInTheDocument() {
        try (RunningServer server = RunningServer.withTestModels()) {
            HttpResponse<String> r = server.get("/openapi.json");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = json(r);
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            assertThat(doc.path("info").path("title").asText()).isNotBlank();
            JsonNode paths = doc.get("paths");
            var routes = server.server().routes();
            assertThat(routes).isNotEmpty();
            for (Route route : routes) {
                assertThat(paths.has(route.path())).as("%s %s is documented", route.method(), route.path()).isTrue();
                assertThat(paths.get(route.path()).has(route.method().toLowerCase(Locale.ROOT)))
                        .as("%s %s is documented", route.method(), route.path()).isTrue();
            }
            int documented = 0;
            for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                String path = it.next();
                for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                    String method = m.next().toUpperCase(Locale.ROOT);
                    documented++;
                    assertThat(routes).as("documented %s %s exists", method, path).contains(new Route(method, path));
                    JsonNode op = paths.get(path).get(method.toLowerCase(Locale.ROOT));
                    assertThat(op.has("responses")).isTrue();
                }
            }
            assertThat(documented).isEqualTo(routes.size());
        }
    }

    @Test
    void theTasksAModelMayHaveAreTheRegistrys() {
        try (RunningServer server = RunningServer.withTestModels()) {
            JsonNode summary = json(server.get("/openapi.json")).at("/components/schemas/ModelList/properties/models/items/properties");
            java.util.List<String> tasks = new java.util.ArrayList<>();
            summary.get("task").get("enum").forEach(t -> tasks.add(t.asText()));
            assertThat(tasks).isEqualTo(io.tandem.pipeline.task.Tasks.all().stream().map(io.tandem.pipeline.task.TaskType::wireName).toList());
            assertThat(summary.get("task").get("description").asText()).contains("text-embedding (text → embedding)");
            assertThat(summary.get("input").get("enum").toString()).isEqualTo("[\"text\",\"image\",\"features\"]");
        }
    }

    @Test
    void thePredictRequestHasAnExampleForEveryModelThatTheModelAccepts() {
        try (RunningServer server = RunningServer.withTestModels()) {
            JsonNode predict = json(server.get("/openapi.json")).at("/paths/~1api~1v1~1models~1{id}~1predict/post");
            JsonNode examples = predict.at("/requestBody/content/application~1json/examples");
            java.util.List<String> ids = new java.util.ArrayList<>(server.server().registry().ids());
            java.util.List<String> keys = new java.util.ArrayList<>();
            examples.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyInAnyOrderElementsOf(ids);
            // The predict operation's id parameter offers the same ids (the shared parameter stays plain).
            JsonNode id = null;
            for (JsonNode p : predict.get("parameters")) {
                if ("id".equals(p.path("name").asText())) {
                    id = p;
                }
            }
            assertThat(id).isNotNull();
            java.util.List<String> idExamples = new java.util.ArrayList<>();
            id.get("examples").fieldNames().forEachRemaining(idExamples::add);
            assertThat(idExamples).isEqualTo(keys);
            // Runnable: each example, sent as it stands to its model, is a prediction.
            for (String model : keys) {
                JsonNode example = examples.get(model);
                assertThat(example.get("summary").asText()).startsWith(model + ": ");
                HttpResponse<String> r = server.post("/api/v1/models/" + model + "/predict", "application/json",
                        example.get("value").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(r.statusCode()).as(model + ": " + r.body()).isEqualTo(200);
                assertThat(json(r).has("output")).as(model).isTrue();
            }
        }
    }
}
