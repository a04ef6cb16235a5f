package io.tandem.converter;

import io.tandem.converter.train.TrainSpec;
import io.tandem.converter.train.TribuoTrainingProbe;
import io.tandem.converter.engine.OrtModel;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    @TempDir
    Path dir;

    /**
     * Three classes told apart by "Size" and "Colour"; "Noise" carries nothing. Every tenth size and
     * every seventh colour is missing, and one colour is outside the spec's categories.
     */
    static List<Object> records(int n) {
        Random random = new Random(7);
        String[] classes = {"small", "medium", "large"};
        String[] colours = {"red", "green", "blue"};
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("Kind", classes[c]);
            r.put("Size (cm)", i % 10 == 0 ? null : 10.0 * (c + 1) + random.nextGaussian());
            r.put("Colour", i % 7 == 0 ? null : i == 5 ? "?" : colours[c]);
            r.put("Noise", (long) random.nextInt(100));
            out.add(r);
        }
        return out;
    }

    static final String SPEC = """
            {"id": "toy", "version": "1.0.0", "title": "Toy", "source": "test", "licence": "CC0-1.0",
             "target": "Kind",
             "features": [
               {"column": "Size (cm)", "name": "size", "kind": "numeric"},
               {"column": "Colour", "name": "colour", "kind": "categorical", "categories": ["red", "green", "blue"]},
               {"column": "Noise", "name": "noise", "kind": "numeric"}
             ],
             "split": {"seed": 1, "testFraction": 0.25},
             "trainer": {"type": "logistic-regression", "epochs": 10, "learningRate": 0.5, "seed": 3},
             "devices": ["wasm", "server"]}
            """;

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    Cli train(String spec, String data) throws IOException {
        return train(spec, data, false);
    }

    Cli train(String spec, String data, boolean quiet) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--spec", write("train.json", spec).toString(),
                "--data", write("data.json", data).toString(), "--out", dir.resolve("bundle").toString()));
        if (quiet) {
            args.add("-q");
        }
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void writesABundleWhosePipelineAndModelClassifyTheTestSplit() throws IOException {
        Cli cli = train(SPEC, Json.write(records(80)));
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).startsWith("toy 1.0.0: wrote ").contains("test accuracy 1.0000 on 20 records");
        assertThat(cli.err()).contains("80 records: 60 to train on, 20 to test on (seed 1)")
                .contains("colour: 1 value(s) outside its categories treated as missing");

        Path bundle = dir.resolve("bundle");
        Manifest m = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        assertThat(m.task()).isEqualTo(Tasks.task("tabular-classification"));
        assertThat(m.labels()).containsExactlyInAnyOrder("small", "medium", "large");
        assertThat(m.inputs().get(0).dims()).containsExactly("batch", 5L);
        assertThat(m.provenance()).containsEntry("testAccuracy", 1L).containsKey("dataSha256");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) m.preprocessing().raw().get("features");
        double mean = ((Number) features.get(0).get("mean")).doubleValue();
        assertThat(mean * 1024).as("mean on the 2^-10 grid").isEqualTo(Math.rint(mean * 1024));
        assertThat(mean).isBetween(15.0, 25.0);

        // The bundle as the server runs it: pipeline + onnxruntime on the file written.
        TaskPipeline pipeline = Tasks.open(m, p -> "");
        try (OrtModel ort = new OrtModel(Files.readAllBytes(bundle.resolve("model.onnx")), "model.onnx")) {
            Map<String, Object> large = new LinkedHashMap<>();
            large.put("size", 30.5);
            large.put("colour", "blue");
            var prepared = pipeline.preprocess(ModelInput.features(large));
            Map<String, Tensor> out = ort.run(prepared.feeds());
            @SuppressWarnings("unchecked")
            Map<String, Object> best = ((List<Map<String, Object>>) pipeline.postprocess(prepared, out)).get(0);
            assertThat(best.get("label")).isEqualTo("large");
            assertThat((Double) best.get("score")).isGreaterThan(0.5);
        }

        Cli again = train(SPEC, Json.write(records(80)));
        assertThat(again.out()).as("same data and seed, same bytes").contains("up to date in");
    }

    @Test
    void onnxReadsColumnsInTheEncodersOrderNotTribuosNameOrder() throws IOException {
        // Names that sort against their column order: if the export read columns in name order,
        // onnxruntime and Tribuo would disagree on these random vectors.
        List<String> columns = List.of("zeta", "alpha", "mu", "beta");
        TribuoTrainingProbe probe = TribuoTrainingProbe.train(columns, 11);
        Random random = new Random(5);
        try (OrtModel ort = new OrtModel(probe.onnx(), "probe")) {
            for (int i = 0; i < 50; i++) {
                float[] v = new float[columns.size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) random.nextGaussian();
                }
                float[] ortOut = ort.run(Map.of("input", Tensor.ofFloats(new int[] {1, v.length}, v))).get("output").floats();
                double[] tribuo = probe.predict(v);
                for (int k = 0; k < tribuo.length; k++) {
                    assertThat((double) ortOut[k]).isCloseTo(tribuo[k], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void refusesBadInputWithOneLine() throws IOException {
        Path spec = write("train.json", SPEC);
        Cli missing = Cli.run("train", "--spec", spec.toString(), "--data", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("tandem-converter train: data file not found: ").hasLineCount(1);

        assertOneLine(SPEC, "{not json", "tandem-converter train: data data.json is not JSON");
        assertOneLine(SPEC, "{\"a\": 1}", "tandem-converter train: data data.json: expected a JSON array of records");
        assertOneLine(SPEC.replace("\"target\": \"Kind\"", "\"target\": \"Species\""), Json.write(records(80)),
                "tandem-converter train: unknown target column 'Species' (the data has: Kind, Size (cm), Colour, Noise)");
        assertOneLine(SPEC.replace("\"column\": \"Noise\"", "\"column\": \"Weight\""), Json.write(records(80)),
                "tandem-converter train: unknown feature column 'Weight'");
        assertOneLine(SPEC, Json.write(records(12)),
                "tandem-converter train: too few records: 12 with a 'Kind' value in data.json; need at least 20");
        assertOneLine(SPEC.replace("\"kind\": \"numeric\"}", "\"kind\": \"ordinal\"}"), Json.write(records(80)),
                "tandem-converter train: train spec");
    }

    private void assertOneLine(String spec, String data, String start) throws IOException {
        assertOneLine(train(spec, data, true), start);
    }

    private static void assertOneLine(Cli cli, String start) {
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).startsWith(start).hasLineCount(1);
    }

    @Test
    void helpDescribesTheCommand() {
        Cli cli = Cli.run("train", "--help");
        assertThat(cli.exitCode()).isEqualTo(0);
        assertThat(cli.out()).contains("--spec=<train.json>").contains("--data=<records.json>").contains("Tribuo");
    }
}
