package com.example.sentiment;

import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.TaskPipeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The team's tandem.js (this module's TeaVM build) knows the task; the stock one (the client jar's)
 * does not. Node runs both (src/test/node/predict-in-node.mjs) with a stand-in for ONNX Runtime Web,
 * so everything but the model is the compiled Java: the registry, the option check, the tokenizer and
 * the sentiment postprocessing.
 */
class BrowserRuntimeTest {
    private static final Path TEAMS_JS = Paths.get(System.getProperty("tandem.js", "target/classes/tandem-client/tandem.js"));
    private static final Path HARNESS = Paths.get(System.getProperty("node.harness", "src/test/node/predict-in-node.mjs"));

    @Test
    void theTeamsBuildHoldsTheTaskAndItsOptionsAndTheStockOneDoesNot() throws IOException {
        String teams = Files.readString(TEAMS_JS, StandardCharsets.UTF_8);
        for (String name : new String[] {"text-sentiment", "sentiment", "output", "positive", "negative"}) {
            assertThat(teams).as("tandem.js has the string constant \"" + name + "\"").contains("\"" + name + "\"");
        }
        assertThat(Files.readString(stockJs(), StandardCharsets.UTF_8)).doesNotContain("text-sentiment");
    }

    @Test
    void theTeamsBuildPredictsWithTheTaskInNode() throws Exception {
        Map<String, Object> answer = node(TEAMS_JS, "{\"type\":\"sentiment\"}", "Good film", "bad, bad film", "film");
        assertThat(answer.get("ok")).as(String.valueOf(answer)).isEqualTo(Boolean.TRUE);
        List<?> results = (List<?>) answer.get("results");

        Map<?, ?> first = (Map<?, ?>) results.get(0);
        assertThat(first.get("device")).isEqualTo("wasm");
        Map<?, ?> output = (Map<?, ?>) first.get("output");
        assertThat(new ArrayList<Object>(output.keySet())).containsExactly("sentiment", "score", "probabilities");
        assertThat(output.get("sentiment")).isEqualTo("positive");
        assertThat(((Number) output.get("score")).doubleValue()).isCloseTo(Math.tanh(1), within(1e-12));

        Map<?, ?> second = (Map<?, ?>) ((Map<?, ?>) results.get(1)).get("output");
        assertThat(second.get("sentiment")).isEqualTo("negative");
        assertThat(((Number) second.get("score")).doubleValue()).isCloseTo(-Math.tanh(2), within(1e-12));

        // The browser's result is the JVM's for the same logits: the same labels, the same numbers within
        // 4 ulps (Math.exp is the JavaScript engine's in the browser and the JDK's on the server).
        TaskPipeline jvm = SentimentTaskTest.open(SentimentTaskTest.manifest(Map.of("type", "sentiment")));
        Map<?, ?> onJvm = (Map<?, ?>) jvm.postprocess(jvm.preprocess(ModelInput.text("Good film")), SentimentTaskTest.logits(-1, 1));
        assertThat(output.get("sentiment")).isEqualTo(onJvm.get("sentiment"));
        assertClose(output.get("score"), onJvm.get("score"));
        Map<?, ?> probabilities = (Map<?, ?>) output.get("probabilities");
        Map<?, ?> jvmProbabilities = (Map<?, ?>) onJvm.get("probabilities");
        assertThat(new ArrayList<Object>(probabilities.keySet())).isEqualTo(new ArrayList<Object>(jvmProbabilities.keySet()));
        for (Object label : jvmProbabilities.keySet()) {
            assertClose(probabilities.get(label), jvmProbabilities.get(label));
        }

        // Equal logits: exactly a coin toss, the first label on the tie, as on the JVM.
        Map<?, ?> third = (Map<?, ?>) ((Map<?, ?>) results.get(2)).get("output");
        assertThat(third.get("sentiment")).isEqualTo("negative");
        assertThat(((Number) third.get("score")).doubleValue()).isEqualTo(0.0);

        // The ids the stand-in model was fed came from the compiled tokenizer and match the JVM's.
        List<?> ids = (List<?>) answer.get("ids");
        String[] texts = {"Good film", "bad, bad film", "film"};
        for (int i = 0; i < texts.length; i++) {
            List<Long> expected = new ArrayList<>();
            for (long id : jvm.preprocess(ModelInput.text(texts[i])).feed("input_ids").longs()) {
                expected.add(id);
            }
            assertThat(ids.get(i)).as(texts[i]).isEqualTo(expected);
        }
    }

    @Test
    void theTeamsBuildRefusesAnUnknownFieldWithTheKnownOnes() throws Exception {
        Map<String, Object> answer = node(TEAMS_JS, "{\"type\":\"sentiment\",\"positve\":\"pos\"}", "good film");
        assertThat(answer.get("ok")).isEqualTo(Boolean.FALSE);
        assertThat(answer.get("code")).isEqualTo("bad_bundle");
        assertThat((String) answer.get("message")).endsWith(
                "postprocessing.positve: unknown field for type 'sentiment' (known fields: [output, positive, negative])");
    }

    @Test
    void theStockBuildRefusesTheTaskNamingTheOnesItKnows() throws Exception {
        Map<String, Object> answer = node(stockJs(), "{\"type\":\"sentiment\"}", "good film");
        assertThat(answer.get("ok")).isEqualTo(Boolean.FALSE);
        assertThat((String) answer.get("message")).contains("task: expected one of [image-classification, ")
                .endsWith("found 'text-sentiment'");
    }

    private static void assertClose(Object browser, Object jvm) {
        double expected = ((Number) jvm).doubleValue();
        assertThat(((Number) browser).doubleValue()).isCloseTo(expected, within(4 * Math.ulp(expected)));
    }

    /** The client jar's tandem.js: the one on the test class path that is not this module's. */
    private static Path stockJs() {
        try {
            Enumeration<URL> found = BrowserRuntimeTest.class.getClassLoader().getResources("tandem-client/tandem.js");
            for (URL url : Collections.list(found)) {
                if (!"file".equals(url.getProtocol()) || !Paths.get(url.toURI()).equals(TEAMS_JS.toAbsolutePath())) {
                    Path copy = Files.createTempFile("stock-tandem", ".js");
                    copy.toFile().deleteOnExit();
                    try (var in = url.openStream()) {
                        Files.write(copy, in.readAllBytes());
                    }
                    return copy;
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError("cannot read the client jar's tandem.js", e);
        }
        throw new AssertionError("no stock tandem-client/tandem.js on the test class path (tandem-client is a provided dependency)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(Path tandemJs, String postprocessing, String... texts) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", HARNESS.toString(), tandemJs.toString(), postprocessing));
        Collections.addAll(command, texts);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not finish in 60 s: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(out).isZero();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        return (Map<String, Object>) Json.parse(last);
    }
}
