package io.tandem.converter;

import io.tandem.converter.bundle.RecipeSchema;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/** The published schemas: current with the registry, accepting every committed bundle, refusing what the converter refuses. */
class RecipeSchemaTest {
    private static final Path DOCS = RealModels.repoRoot().resolve("docs/schema");
    private static final SchemaSubsetValidator RECIPE = new SchemaSubsetValidator(RecipeSchema.recipe());
    private static final SchemaSubsetValidator MANIFEST = new SchemaSubsetValidator(RecipeSchema.manifest());

    @TempDir
    Path tmp;

    @Test
    void theCommittedSchemasAreWhatTheRegistryGives() throws IOException {
        for (Map.Entry<String, String> e : RecipeSchema.files().entrySet()) {
            Path committed = DOCS.resolve(e.getKey());
            assertThat(Files.isRegularFile(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "(missing)")
                    .as("docs/schema/" + e.getKey() + " differs from the task registry: run tandem-converter schema --out docs/schema")
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void everyCommittedRecipeAndManifestIsValid() throws IOException {
        List<Path> checked = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(RealModels.repoRoot().resolve("models"))) {
            for (Path dir : bundles.filter(Files::isDirectory).sorted().toList()) {
                if (dir.getFileName().toString().equals("node_modules")) {
                    continue;
                }
                for (String name : List.of("recipe.json", "manifest.json")) {
                    Path file = dir.resolve(name);
                    if (Files.isRegularFile(file)) {
                        SchemaSubsetValidator v = name.equals("recipe.json") ? RECIPE : MANIFEST;
                        assertThat(v.validate(Json.parse(Files.readString(file)))).as(file.toString()).isEmpty();
                        checked.add(file);
                    }
                }
            }
        }
        assertThat(checked).extracting(p -> p.getParent().getFileName() + "/" + p.getFileName())
                .contains("mnist-cnn/recipe.json", "mnist-cnn/manifest.json", "minilm-l6-v2/recipe.json", "minilm-l6-v2/manifest.json",
                        "penguins/manifest.json");
    }

    @Test
    void theRecipeSchemaRefusesWhatTheConverterRefuses() throws IOException {
        String mnist = Files.readString(RealModels.repoRoot().resolve("models/mnist-cnn/recipe.json"));
        assertThat(recipeErrors(mnist)).isEmpty();
        assertThat(recipeErrors(mnist.replace("\"licence\"", "\"license\""))).anyMatch(e -> e.contains("unknown property 'license'"))
                .anyMatch(e -> e.contains("missing required 'licence'"));
        assertThat(recipeErrors(mnist.replace("\"task\": \"image-classification\"", "\"task\": \"summarisation\"")))
                .anyMatch(e -> e.startsWith("$.task: expected one of [image-classification, "));
        // A type of another task: the per-task rule narrows the types.
        assertThat(recipeErrors(mnist.replace("{\"type\": \"softmax\"}", "{\"type\": \"mean-pool-l2\"}")))
                .contains("$.postprocessing.type: expected one of [softmax, sigmoid, probabilities], found 'mean-pool-l2'");
        assertThat(recipeErrors(mnist.replace("\"std\": 0.3081", "\"std\": 0"))).anyMatch(e -> e.contains("expected more than 0, found 0"));
        assertThat(recipeErrors(mnist.replace("\"size\": 28", "\"size\": 28.5"))).anyMatch(e -> e.contains("expected type integer"));
        assertThat(recipeErrors(mnist.replace("\"box\": 20,", "\"box\": 20, \"colour\": true,"))).anyMatch(e -> e.contains("unknown property 'colour'"));
        assertThat(recipeErrors(mnist.replace("\"mean\": 0.1307,", ""))).anyMatch(e -> e.contains("missing required 'mean'"));
        assertThat(recipeErrors(mnist.replaceAll("\"labels\": \\[[^]]*],", ""))).as("a model may name its labels (ZipMap)").isEmpty();
        String manifest = Files.readString(RealModels.repoRoot().resolve("models/mnist-cnn/manifest.json"));
        assertThat(MANIFEST.validate(Json.parse(manifest.replaceAll("\"labels\": \\[[^]]*],", ""))))
                .as("a manifest must have them").contains("$: missing required 'labels'");
        assertThat(recipeErrors(mnist.replace("\"wasm\", \"webgpu\"", "\"wasm\", \"gpu\""))).anyMatch(e -> e.startsWith("$.devices[1]: expected one of"));

        String minilm = Files.readString(RealModels.repoRoot().resolve("models/minilm-l6-v2/recipe.json"));
        assertThat(recipeErrors(minilm.replaceAll("\"tokenizerSource\": \"[^\"]*\",", ""))).contains("$: missing required 'tokenizerSource'");
        assertThat(recipeErrors(minilm.replace("\"shape\": [\"batch\", \"sequence\", 384]", "\"shape\": [\"batch\", \"sequence\", 384.5]")))
                .anyMatch(e -> e.startsWith("$.outputs[0].shape[2]: expected type [integer, string]"));
    }

    @Test
    void everyRegisteredTypeAndOptionIsInTheSchema() {
        Map<String, Object> schema = RecipeSchema.manifest();
        Map<?, ?> defs = (Map<?, ?>) schema.get("$defs");
        for (PreprocessorType t : Tasks.preprocessors()) {
            assertOptions(defs, "preprocessing." + t.type(), t.options().options());
        }
        for (PostprocessorType t : Tasks.postprocessors()) {
            assertOptions(defs, "postprocessing." + t.type(), t.options().options());
        }
        Map<?, ?> task = (Map<?, ?>) ((Map<?, ?>) schema.get("properties")).get("task");
        assertThat(list(task.get("enum"))).containsExactlyInAnyOrderElementsOf(Tasks.all().stream().map(TaskType::wireName).toList());
    }

    @Test
    void optionKindsBecomeJsonTypesWithTheirBounds() {
        Map<String, Object> choice = section("preprocessing.image", "channels");
        assertThat(choice).containsEntry("type", "string").containsEntry("enum", List.of("rgb", "bgr", "grayscale"))
                .containsEntry("default", "rgb");
        assertThat(section("preprocessing.image", "width")).containsEntry("type", "integer").containsEntry("minimum", 1.0)
                .containsKey("maximum");
        assertThat(section("preprocessing.image", "std").get("oneOf").toString()).contains("exclusiveMinimum=0").contains("minItems=1");
        assertThat(section("preprocessing.bert-wordpiece", "specialTokens")).containsEntry("type", "array")
                .containsEntry("items", Map.of("type", "string"));
        assertThat(section("postprocessing.embedding", "normalize")).containsEntry("type", "boolean").containsEntry("default", true);
        Map<?, ?> image = (Map<?, ?>) ((Map<?, ?>) RecipeSchema.recipe().get("$defs")).get("preprocessing.image");
        assertThat(list(image.get("required"))).containsExactly("type", "width", "height");
        assertThat(image.get("additionalProperties")).isEqualTo(false);
        // A recipe may leave bert-wordpiece's vocab to the converter; a manifest always has it.
        Map<?, ?> recipeBert = (Map<?, ?>) ((Map<?, ?>) RecipeSchema.recipe().get("$defs")).get("preprocessing.bert-wordpiece");
        Map<?, ?> manifestBert = (Map<?, ?>) ((Map<?, ?>) RecipeSchema.manifest().get("$defs")).get("preprocessing.bert-wordpiece");
        assertThat(list(recipeBert.get("required"))).containsExactly("type");
        assertThat(list(manifestBert.get("required"))).containsExactly("type", "vocab");
    }

    @Test
    void theOutputIsSortedIndentedByTwoAndEndsWithANewline() {
        String text = RecipeSchema.files().get(RecipeSchema.RECIPE_FILE);
        assertThat(text).startsWith("{\n  \"$defs\": {\n").endsWith("}\n").doesNotContain("\t");
        assertThat(text).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
        assertThat(RecipeSchema.files()).isEqualTo(RecipeSchema.files());
    }

    @Test
    void theSchemaCommandWritesThenFindsThemUpToDateAndCheckFindsStaleOnes() throws IOException {
        Path out = tmp.resolve("schema");
        Cli first = Cli.run("schema", "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("wrote " + out.resolve("manifest.schema.json") + ", " + out.resolve("recipe.schema.json"));
        assertThat(Files.readString(out.resolve("recipe.schema.json"))).isEqualTo(RecipeSchema.files().get("recipe.schema.json"));

        Cli again = Cli.run("schema", "--out", out.toString(), "--check");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("up to date in " + out);

        Files.writeString(out.resolve("recipe.schema.json"), "{}\n");
        assertOneLineError(Cli.run("schema", "--out", out.toString(), "--check"), 1,
                out.resolve("recipe.schema.json") + " is not what the task registry gives: run tandem-converter schema --out " + out);
        assertThat(Files.readString(out.resolve("recipe.schema.json"))).isEqualTo("{}\n");
    }

    private static void assertOptions(Map<?, ?> defs, String name, List<Option> options) {
        Map<?, ?> def = (Map<?, ?>) defs.get(name);
        assertThat(def).as(name).isNotNull();
        List<String> expected = new ArrayList<>(List.of("type"));
        options.forEach(o -> expected.add(o.name()));
        assertThat(new ArrayList<Object>(((Map<?, ?>) def.get("properties")).keySet())).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String def, String option) {
        Map<?, ?> d = (Map<?, ?>) ((Map<?, ?>) RecipeSchema.manifest().get("$defs")).get(def);
        return (Map<String, Object>) ((Map<?, ?>) d.get("properties")).get(option);
    }

    private static List<Object> list(Object value) {
        return new ArrayList<>((List<?>) value);
    }

    private static List<String> recipeErrors(String json) {
        return RECIPE.validate(Json.parse(json));
    }
}
