package io.tandem.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The inputs every tool gets: a fixed set of sentences of mixed length (3 to over 128 tokens;
 * accents, punctuation, numbers, CJK), a deterministic 10,000-sentence set for the tokenizer rows,
 * and digit images drawn here (MNIST-style ink on white) for mnist-cnn.
 */
public final class Corpus {
    /** The first four already span short, accented, medium and truncated, for --tiny. */
    public static final List<String> SENTENCES = List.of(
            "Hello world.",
            "Café au lait, s'il vous plaît — naïve résumé façade.",
            "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
            longSentence(),
            "A man is eating food.",
            "A man is riding a horse.",
            "Two children are playing in the snow near an old wooden barn.",
            "How do I reset my password if I no longer have access to my email account?",
            "ONNX Runtime Web runs models in the browser with WebAssembly or WebGPU.",
            "Tandem compiles Java preprocessing to JavaScript with TeaVM.",
            "The stock market fell 3.2% on Tuesday after the central bank raised interest rates by 0.5 points.",
            "I can't believe it's not butter!",
            "東京は日本の首都です。",
            "Ünïcödé tëxt wïth lots of dïäcrïtïcs: Ångström, Øresund, Straße.",
            "The mitochondria is the powerhouse of the cell, producing ATP through oxidative phosphorylation.",
            "Please summarise the attached quarterly report and highlight any risks to the delivery schedule.",
            "Dogs bark.",
            "She sells sea shells by the sea shore, and the shells she sells are surely seashells.",
            "In 1969, Neil Armstrong and Buzz Aldrin became the first people to walk on the Moon during Apollo 11.",
            "Semantic search ranks documents by the cosine similarity of their sentence embeddings to a query embedding.",
            "Wow!!! This is sooo cool :) #amazing @friend",
            "def tokenize(text): return text.lower().split()",
            "Rain is expected later this evening, with temperatures dropping below freezing overnight in the northern valleys.",
            "A quantised int8 model is about four times smaller than its float32 original and often faster on CPUs.");

    private static final String[] SEGMENTS = {"abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"};

    private Corpus() {
    }

    private static String longSentence() {
        String base = "Machine learning models that run directly in the web browser keep the user's data on the device, "
                + "work offline once cached, and save server costs, but they must download their weights first, "
                + "compile WebAssembly, and share a single busy main thread with the page itself; ";
        return base + base + "this sentence is long enough to be truncated at 128 tokens by every tokenizer.";
    }

    public static List<String> sentences(int n) {
        return SENTENCES.subList(0, Math.min(n, SENTENCES.size()));
    }

    /** {@code n} distinct sentences cycling through the fixed set, each with its index appended. */
    public static List<String> tokenizeSet(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(SENTENCES.get(i % SENTENCES.size()) + " (" + i + ")");
        }
        return out;
    }

    /** Digits 0–9 drawn in black on a white 280×280 canvas, as {width, height, data: base64 RGBA}. */
    public static List<Map<String, Object>> digits() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            out.add(image(digit(d)));
        }
        return out;
    }

    static BufferedImage digit(int d) {
        BufferedImage img = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 280, 280);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(22, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            // Seven segments (no fonts needed on a headless JVM): a top, b top right, c bottom right,
            // d bottom, e bottom left, f top left, g middle; slanted a little like handwriting.
            int[][] seg = {{100, 50, 180, 50}, {180, 50, 175, 140}, {175, 140, 170, 230}, {90, 230, 170, 230},
                    {95, 140, 90, 230}, {100, 50, 95, 140}, {95, 140, 175, 140}};
            for (int s = 0; s < 7; s++) {
                if (SEGMENTS[d].indexOf((char) ('a' + s)) >= 0) {
                    g.drawLine(seg[s][0], seg[s][1], seg[s][2], seg[s][3]);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    static Map<String, Object> image(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int i = (y * w + x) * 4;
                rgba[i] = (byte) (argb >> 16);
                rgba[i + 1] = (byte) (argb >> 8);
                rgba[i + 2] = (byte) argb;
                rgba[i + 3] = (byte) (argb >>> 24);
            }
        }
        return Map.of("width", w, "height", h, "data", Base64.getEncoder().encodeToString(rgba));
    }

    static byte[] rgba(Map<String, Object> image) {
        return Base64.getDecoder().decode((String) image.get("data"));
    }
}
