package io.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the server's OpenAPI document ({@code openapi.json} on the classpath, written by hand
 * beside the routes it describes) at {@code /openapi.json}. A test checks that every registered
 * route is in it. The tasks and input kinds a model summary may name are filled in from the task
 * registry when the document is loaded, so a task added by an extension is documented too.
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    private final String json;

    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            this.json = withTasks(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json", e);
        }
    }

    /** The model summary's {@code task} and {@code input} as enums of what this server knows. */
    static String withTasks(String document) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(document);
        ObjectNode summary = (ObjectNode) root.at("/components/schemas/ModelList/properties/models/items/properties");
        ObjectNode task = (ObjectNode) summary.get("task");
        ArrayNode tasks = task.putArray("enum");
        StringBuilder description = new StringBuilder("the bundle's task (docs/tasks.md):");
        for (TaskType t : Tasks.all()) {
            tasks.add(t.wireName());
            description.append(' ').append(t.wireName()).append(" (").append(t.inputKind().wireName()).append(" → ")
                    .append(t.outputKind().name().toLowerCase().replace('_', ' ')).append(");");
        }
        task.put("description", description.substring(0, description.length() - 1));
        ArrayNode inputs = ((ObjectNode) summary.get("input")).putArray("enum");
        for (InputKind kind : InputKind.values()) {
            inputs.add(kind.wireName());
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public void register(Javalin app) {
        app.get(PATH, ctx -> ctx.contentType("application/json").result(json));
    }
}
