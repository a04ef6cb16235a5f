package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
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
            for (TandemServer.Route route : routes) {
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
                    assertThat(routes).as("documented %s %s exists", method, path).contains(new TandemServer.Route(method, path));
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
}
