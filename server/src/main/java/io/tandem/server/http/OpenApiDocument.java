package io.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import io.tandem.server.inference.ServerModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Serves the server's OpenAPI document ({@code openapi.json} on the classpath, written by hand
 * beside the routes it describes) at {@code /openapi.json}. A test checks that every registered
 * route is in it. The tasks and input kinds a model summary may name are filled in from the task
 * registry when the document is loaded, so a task added by an extension is documented too, and
 * the predict request gets one example body per model the server has at start, keyed by model id
 * ({@link PredictExamples}; the predict operation's {@code id} parameter has the same keys).
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    private final String withTasks;
    private volatile String json;

    public OpenApiDocument() {
        this(List.of());
    }

    public OpenApiDocument(List<ServerModel> models) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            this.withTasks = withTasks(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json", e);
        }
        refresh(models);
    }

    /** The examples again, for the models the server has now: a bundle picked up while running gets its own. */
    public void refresh(List<ServerModel> models) {
        try {
            this.json = withExamples(withTasks, PredictExamples.of(models));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the examples to openapi.json", e);
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

    /**
     * The predict request body's {@code examples} (model id → {summary, value}) and, on the predict
     * operation only, an {@code id} parameter whose examples are the same model ids. Nothing
     * changes without models.
     */
    static String withExamples(String document, Map<String, Map<String, Object>> examples) throws IOException {
        if (examples.isEmpty()) {
            return document;
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(document);
        ObjectNode predict = (ObjectNode) root.at("/paths/~1api~1v1~1models~1{id}~1predict/post");
        ObjectNode body = (ObjectNode) predict.at("/requestBody/content/application~1json");
        body.set("examples", mapper.valueToTree(examples));
        ArrayNode parameters = (ArrayNode) predict.get("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            if ("#/components/parameters/id".equals(parameters.get(i).path("$ref").asText())) {
                ObjectNode id = root.at("/components/parameters/id").deepCopy();
                ObjectNode ids = id.putObject("examples");
                for (String model : examples.keySet()) {
                    ids.putObject(model).put("summary", model).put("value", model);
                }
                parameters.set(i, id);
            }
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public void register(Javalin app) {
        app.get(PATH, ctx -> ctx.contentType("application/json").result(json));
    }
}
