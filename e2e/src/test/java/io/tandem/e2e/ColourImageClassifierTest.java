package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.converter.Main;
import io.tandem.converter.onnx.ProtoWriter;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.server.inference.ServerModel;
import io.tandem.testkit.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-channel image classifier made here, the way a team would bring its own: an ONNX model written
 * in this test (Conv 3→4 3×3 + Relu + GlobalAveragePool + Flatten + Gemm → 5 classes, weights from
 * a fixed seed), imported by the converter in-process with an ImageNet-style {@code image} recipe
 * (shorter side to 36, centre crop 32×32, per-channel mean and std), served by its own server on a
 * temporary models folder. On non-square colour pictures drawn on a browser canvas (opaque, and
 * with transparent and half-transparent parts) and on RGBA pixels made here, the browser's tensors
 * equal the JVM pipeline's bit for bit, and the browser, onnxruntime Java and the server give the
 * same ranking with probabilities within 1e-6.
 */
class ColourImageClassifierTest {
    private static final String ID = "tiny-colour";
    /** A seed whose weights send plain colours to all five classes (red, green, blue, white, black … differ). */
    private static final long SEED = 20_250_644L;
    private static final double TOLERANCE = 1e-6;
    private static final List<String> LABELS = List.of("sky", "grass", "sand", "night", "brick");

    /** Draws one named picture on a fresh canvas in the page, predicts from the canvas, and hands back its pixels. */
    private static final String DRAW_AND_PREDICT = """
            const [id, name, done] = arguments;
            function draw(name) {
              if (name === 'opaque-50x30') {
                const c = document.createElement('canvas'); c.width = 50; c.height = 30;
                const g = c.getContext('2d');
                const grad = g.createLinearGradient(0, 0, 50, 30);
                grad.addColorStop(0, '#1e90ff'); grad.addColorStop(0.6, '#ffd700'); grad.addColorStop(1, '#8b0000');
                g.fillStyle = grad; g.fillRect(0, 0, 50, 30);
                g.fillStyle = '#2e8b57'; g.beginPath(); g.arc(18, 15, 9, 0, 2 * Math.PI); g.fill();
                g.strokeStyle = '#ffffff'; g.lineWidth = 3; g.beginPath(); g.moveTo(2, 28); g.lineTo(48, 3); g.stroke();
                g.fillStyle = '#000'; g.font = '10px sans-serif'; g.fillText('T', 38, 24);
                return c;
              }
              if (name === 'transparent-45x70') {
                const c = document.createElement('canvas'); c.width = 45; c.height = 70;
                const g = c.getContext('2d');
                g.fillStyle = 'rgba(200, 30, 30, 1)'; g.fillRect(5, 5, 30, 25);
                g.fillStyle = 'rgba(20, 180, 60, 0.5)'; g.fillRect(15, 20, 25, 40);
                g.globalAlpha = 0.25; g.fillStyle = '#0000ff'; g.beginPath(); g.arc(22, 50, 15, 0, 2 * Math.PI); g.fill();
                g.globalAlpha = 1; g.clearRect(0, 60, 45, 10);
                return c;
              }
              if (name === 'wide-300x120') {
                const c = document.createElement('canvas'); c.width = 300; c.height = 120;
                const g = c.getContext('2d');
                for (let x = 0; x < 300; x += 10) {
                  g.fillStyle = `hsl(${x * 1.2}, 70%, ${30 + (x % 50)}%)`; g.fillRect(x, 0, 10, 120);
                }
                g.fillStyle = 'rgba(255, 255, 255, 0.6)'; g.beginPath(); g.ellipse(150, 60, 80, 30, 0.3, 0, 2 * Math.PI); g.fill();
                return c;
              }
              throw new Error('no picture ' + name);
            }
            function base64(bytes) {
              let s = '';
              for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
              return btoa(s);
            }
            (async () => {
              const t = await import('/tandem.js');
              const m = await t.load(id, { device: 'wasm' });
              const canvas = draw(name);
              const feeds = await m.prepare(canvas);
              const tensors = {};
              for (const k of Object.keys(feeds)) tensors[k] = tandemBits(feeds[k]);
              const r = await m.predict(canvas);
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
              await m.close();
              return { width: canvas.width, height: canvas.height, data: base64(new Uint8Array(pixels.data.buffer)),
                       tensors, output: r.output, device: r.device, variant: m.variant };
            })().then(done, e => tandemFail(done, e));
            """;

    @TempDir
    static Path temp;
    private static Path models;
    private static E2eServer server;
    private static ChromeDriver driver;
    private static BrowserTandem tandem;
    private static Path bundle;

    @BeforeAll
    static void importTheModelAndServeIt() throws Exception {
        models = Files.createDirectories(temp.resolve("models"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path model = work.resolve("tiny-colour.onnx");
        Files.write(model, model(SEED));
        Path recipe = work.resolve("recipe.json");
        Files.writeString(recipe, BundleParity.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                "id", ID,
                "version", "1.0.0",
                "title", "Tiny colour classifier (test)",
                "task", "image-classification",
                "source", "e2e:ColourImageClassifierTest seed " + SEED,
                "licence", "Apache-2.0",
                "preprocessing", Map.of("type", "image", "width", 32, "height", 32, "resize", "shorter-side", "resizeTo", 36,
                        "mean", List.of(0.485, 0.456, 0.406), "std", List.of(0.229, 0.224, 0.225)),
                "postprocessing", Map.of("type", "softmax"),
                "labels", LABELS,
                "devices", List.of("wasm", "server"))));
        bundle = models.resolve(ID);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = Main.execute(new String[] {"import", "--quiet", "--recipe", recipe.toString(), "--model", model.toString(),
                "--out", bundle.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).as("converter import: " + out + err).isZero();
        server = new E2eServer(models, 0);
        driver = Chromium.start();
        tandem = new BrowserTandem(driver);
        driver.get(server.url("/"));
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void canvasPicturesGiveTheSameTensorsAndPredictionsEverywhere() throws Exception {
        TaskPipeline jvm = JvmPipelines.forBundle(bundle);
        long values = 0;
        double maxDiff = 0;
        List<String> tops = new ArrayList<>();
        try (ServerModel onnxruntime = JvmPipelines.model(bundle, "fp32")) {
            for (String name : List.of("opaque-50x30", "transparent-45x70", "wide-300x120")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = (Map<String, Object>) tandem.run(DRAW_AND_PREDICT, ID, name);
                assertThat(r.get("device")).isEqualTo("wasm");
                int w = ((Number) r.get("width")).intValue(), h = ((Number) r.get("height")).intValue();
                byte[] rgba = Base64.getDecoder().decode((String) r.get("data"));
                if (name.startsWith("transparent")) {
                    assertThat(alphas(rgba)).as(name + " has transparent, half-transparent and opaque pixels")
                            .contains(0, 255).anyMatch(a -> a > 0 && a < 255);
                }
                RgbaImage image = new RgbaImage(w, h, rgba);
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> tensors = (Map<String, Map<String, Object>>) r.get("tensors");
                Prepared prepared = jvm.preprocess(ModelInput.image(image));
                values += BundleParity.assertSameBits(name, prepared.feeds(), tensors);
                maxDiff = Math.max(maxDiff, samePredictions(name, onnxruntime, image, BundleParity.JSON.valueToTree(r.get("output"))));
                tops.add(name + " → " + GenericDigitsTest.top(BundleParity.JSON.valueToTree(r.get("output"))));
            }
        }
        Report.line(String.format("%s (a Conv/Gemm model made and imported by the test; shorter side 36, crop 32, ImageNet mean/std): "
                + "3 canvas pictures %s; tensors %d float32 values, 0 differing bits; browser, onnxruntime Java and server same ranking, "
                + "max |probability difference| %.2e", ID, tops, values, maxDiff));
    }

    @Test
    void rgbaPixelsOfManyShapesGiveTheSameTensorsAndPredictionsEverywhere() throws Exception {
        // Made here, handed to the page as ImageData (no canvas: the exact bytes, half-transparent colours included).
        Random random = new Random(SEED);
        List<RgbaImage> images = new ArrayList<>();
        int[][] sizes = {{50, 30}, {30, 50}, {64, 40}, {20, 13}, {36, 36}, {37, 101}, {640, 480}, {1, 1}};
        for (int[] s : sizes) {
            images.add(noisyPicture(s[0], s[1], random));
        }
        // Plain colours, opaque, half-transparent and in stripes of transparency (alpha composite over white).
        images.add(plain(50, 30, 220, 20, 20, i -> 255));
        images.add(plain(30, 50, 20, 200, 40, i -> 255));
        images.add(plain(40, 40, 200, 0, 200, i -> (i / 40) % 4 == 0 ? 0 : 255));
        images.add(plain(45, 25, 128, 128, 128, i -> 255));
        images.add(plain(25, 45, 20, 40, 230, i -> 128));
        List<Object> inputs = new ArrayList<>();
        for (RgbaImage img : images) {
            inputs.add(BrowserTandem.image(img.width(), img.height(), img.rgba()));
        }
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, ID, inputs);
        TaskPipeline jvm = JvmPipelines.forBundle(bundle);
        long values = 0;
        double maxDiff = 0;
        List<String> labels = new ArrayList<>();
        try (ServerModel onnxruntime = JvmPipelines.model(bundle, "fp32")) {
            for (int i = 0; i < images.size(); i++) {
                String what = images.get(i).width() + "x" + images.get(i).height();
                values += BundleParity.assertSameBits(what, jvm.preprocess(ModelInput.image(images.get(i))).feeds(), browser.get(i).tensors());
                JsonNode inBrowser = BundleParity.JSON.valueToTree(browser.get(i).output());
                maxDiff = Math.max(maxDiff, samePredictions(what, onnxruntime, images.get(i), inBrowser));
                labels.add(GenericDigitsTest.top(inBrowser));
            }
        }
        Report.line(String.format("%s: %d RGBA pictures (1x1 to 640x480; random colours and alpha, plain colours): tensors %d float32 values, "
                + "0 differing bits; same ranking on every path, max |probability difference| %.2e; top labels %s",
                ID, images.size(), values, maxDiff, labels));
        assertThat(labels.stream().distinct().count()).as("the seeded model tells the pictures apart").isGreaterThanOrEqualTo(4);
    }

    /** The browser's result against onnxruntime Java's and the server's: same labels in the same order, scores within 1e-6. */
    private static double samePredictions(String what, ServerModel onnxruntime, RgbaImage image, JsonNode inBrowser) throws Exception {
        JsonNode onJvm = BundleParity.JSON.valueToTree(onnxruntime.predict(ModelInput.image(image)));
        JsonNode onServer = BundleParity.serverPredict(server, ID, BrowserTandem.image(image.width(), image.height(), image.rgba()));
        assertThat(inBrowser).as(what).hasSize(LABELS.size());
        GenericDigitsTest.assertSameRankingUpToTies(what + ": browser vs onnxruntime Java", inBrowser, onJvm, TOLERANCE);
        GenericDigitsTest.assertSameRankingUpToTies(what + ": server vs onnxruntime Java", onServer, onJvm, TOLERANCE);
        double diff = Math.max(GenericDigitsTest.maxScoreDiff(inBrowser, onJvm), GenericDigitsTest.maxScoreDiff(onServer, onJvm));
        assertThat(diff).as(what + ": max |probability difference|").isLessThanOrEqualTo(TOLERANCE);
        return diff;
    }

    private static List<Integer> alphas(byte[] rgba) {
        List<Integer> out = new ArrayList<>();
        for (int i = 3; i < rgba.length; i += 4) {
            out.add(rgba[i] & 255);
        }
        return out;
    }

    /** Smooth colour fields with noise; a third of the pixels half-transparent, some fully transparent. */
    private static RgbaImage noisyPicture(int w, int h, Random random) {
        byte[] rgba = new byte[w * h * 4];
        double fx = 1 + random.nextInt(5), fy = 1 + random.nextInt(5), phase = random.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 4;
                double u = (double) x / w, v = (double) y / h;
                rgba[i] = (byte) clamp(128 + 120 * Math.sin(fx * u * 6 + phase) + random.nextInt(21) - 10);
                rgba[i + 1] = (byte) clamp(128 + 120 * Math.cos(fy * v * 6 - phase) + random.nextInt(21) - 10);
                rgba[i + 2] = (byte) clamp(255 * u * v + random.nextInt(21) - 10);
                int kind = random.nextInt(9);
                rgba[i + 3] = (byte) (kind == 0 ? 0 : kind <= 3 ? random.nextInt(256) : 255);
            }
        }
        return new RgbaImage(w, h, rgba);
    }

    private static RgbaImage plain(int w, int h, int r, int g, int b, java.util.function.IntUnaryOperator alpha) {
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            rgba[i * 4] = (byte) r;
            rgba[i * 4 + 1] = (byte) g;
            rgba[i * 4 + 2] = (byte) b;
            rgba[i * 4 + 3] = (byte) alpha.applyAsInt(i);
        }
        return new RgbaImage(w, h, rgba);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    // ---- the model, in ONNX protobuf (field numbers from onnx.proto) ----

    private static final int FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    /** Conv(3→4, 3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm(4→5), input [batch, 3, 32, 32]; IR 8, opset 13. */
    static byte[] model(long seed) {
        Random random = new Random(seed);
        float[] convW = gaussian(random, 4 * 3 * 3 * 3, 0.6);
        float[] convB = gaussian(random, 4, 0.1);
        float[] fcW = gaussian(random, 5 * 4, 2.0);
        float[] fcB = gaussian(random, 5, 0.2);
        ProtoWriter conv = node("Conv", new String[] {"pixel_values", "conv.weight", "conv.bias"}, "conv", "conv")
                .message(5, ints("kernel_shape", 3, 3)).message(5, ints("pads", 1, 1, 1, 1)).message(5, ints("strides", 1, 1));
        ProtoWriter gemm = node("Gemm", new String[] {"flat", "fc.weight", "fc.bias"}, "logits", "fc")
                .message(5, new ProtoWriter().string(1, "transB").varint(3, 1).varint(20, ATTR_INT));
        ProtoWriter flatten = node("Flatten", new String[] {"pool"}, "flat", "flatten")
                .message(5, new ProtoWriter().string(1, "axis").varint(3, 1).varint(20, ATTR_INT));
        ProtoWriter graph = new ProtoWriter()
                .message(1, conv)
                .message(1, node("Relu", new String[] {"conv"}, "relu", "relu"))
                .message(1, node("GlobalAveragePool", new String[] {"relu"}, "pool", "pool"))
                .message(1, flatten)
                .message(1, gemm)
                .string(2, "tiny-colour")
                .message(5, floatTensor("conv.weight", new long[] {4, 3, 3, 3}, convW))
                .message(5, floatTensor("conv.bias", new long[] {4}, convB))
                .message(5, floatTensor("fc.weight", new long[] {5, 4}, fcW))
                .message(5, floatTensor("fc.bias", new long[] {5}, fcB))
                .message(11, valueInfo("pixel_values", "batch", 3L, 32L, 32L))
                .message(12, valueInfo("logits", "batch", 5L));
        return new ProtoWriter().varint(1, 8).string(2, "tandem-e2e").string(3, "1").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13)).toBytes();
    }

    private static ProtoWriter node(String op, String[] inputs, String output, String name) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, name).string(4, op);
    }

    private static ProtoWriter ints(String name, long... values) {
        return new ProtoWriter().string(1, name).packedVarints(8, values).varint(20, ATTR_INTS);
    }

    private static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new ProtoWriter().packedVarints(1, dims).varint(2, FLOAT).string(8, name).bytes(9, b.array());
    }

    /** A float tensor ValueInfoProto; a dim is a Long (fixed) or a String (symbolic). */
    private static ProtoWriter valueInfo(String name, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof Long n ? new ProtoWriter().varint(1, n) : new ProtoWriter().string(2, (String) d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }
}
