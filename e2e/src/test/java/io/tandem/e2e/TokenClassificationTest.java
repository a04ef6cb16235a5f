package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.converter.Main;
import io.tandem.converter.onnx.ProtoWriter;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.text.BertTokenizer;
import io.tandem.pipeline.text.Encoding;
import io.tandem.pipeline.text.TokenizerJson;
import io.tandem.pipeline.text.WordPieceVocab;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token classification end to end, with a model made here (no NER model ships with Tandem's
 * sources): input_ids and attention_mask → Gather from a seeded [vocab, 5] table, times the mask →
 * {@code logits} [batch, sequence, 5] over O, B-PER, I-PER, B-LOC, I-LOC, on tinybert's WordPiece
 * vocabulary (small, so most words are several pieces). The converter imports it in-process twice,
 * {@code aggregation: "first"} and {@code "average"}, into a temporary models folder served by its
 * own server. On plain, accented, CJK, emoji, spaced-out and over-long texts (and the e2e corpus)
 * the browser's spans (TeaVM pipeline + ORT Web wasm) equal onnxruntime Java's inside the JVM
 * pipeline and the server's: entity, start, end and text exactly, score within {@link #SCORE_TOLERANCE};
 * every span's text is {@code input.substring(start, end)}. The rows of "Zoë Saldaña à Paris" are
 * set by hand so that Saldaña's pieces disagree: its first piece says I-PER and the rest O, so
 * "first" gives PER "Zoë Saldaña" and "average" PER "Zoë".
 */
class TokenClassificationTest {
    private static final String FIRST = "tiny-ner";
    private static final String AVERAGE = "tiny-ner-average";
    private static final long SEED = 20_251_203L;
    private static final int MAX_LENGTH = 32;
    private static final double SCORE_TOLERANCE = 1e-9;
    private static final List<String> LABELS = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
    private static final String ZOE = "Zoë Saldaña à Paris";
    private static final List<String> TEXTS = List.of(
            "John Smith moved from London to Paris last year with Mary Jones.",
            ZOE,
            "Ça va, Zoë? Ångström visited İstanbul and São Paulo; crème brûlée in Montréal.",
            "東京は日本の首都です。山田太郎さんは大阪に住んでいます。",
            "Emoji 😀👍🏽 and a family 👨‍👩‍👧 met Zoë in Paris 🇫🇷!",
            "   extra   spaces\tbetween\n\n  words    and  at the end   ",
            "e\u0301 combining marks a\u0308 o\u0302 and a zero\u200bwidth space",
            "Angela Merkel met Emmanuel Macron in Berlin, then flew to Rome, Madrid, Lisbon, Vienna, Prague, "
                    + "Warsaw, Budapest, Athens, Dublin and Oslo before returning home to Hamburg.");

    @TempDir
    static Path temp;
    private static E2eServer server;
    private static ChromeDriver driver;
    private static BrowserTandem tandem;
    private static Path models;
    private static BertTokenizer tokenizer;

    @BeforeAll
    static void importTheModelAndServeIt() throws Exception {
        models = Files.createDirectories(temp.resolve("models"));
        Path work = Files.createDirectories(temp.resolve("work"));
        List<String> vocab = Files.readAllLines(E2eServer.modelsDir().resolve("tinybert/vocab.txt"));
        String tokenizerJson = tokenizerJson(vocab);
        Path tokenizerFile = work.resolve("tokenizer.json");
        Files.writeString(tokenizerFile, tokenizerJson);
        tokenizer = TokenizerJson.read(tokenizerJson).tokenizer();

        Path model = work.resolve("tiny-ner.onnx");
        Files.write(model, model(table(vocab.size())));
        for (String id : List.of(FIRST, AVERAGE)) {
            Path recipe = work.resolve(id + ".json");
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("version", "1.0.0");
            r.put("title", "Tiny NER (test, aggregation " + (id.equals(FIRST) ? "first" : "average") + ")");
            r.put("task", "token-classification");
            r.put("source", "e2e:TokenClassificationTest seed " + SEED);
            r.put("tokenizerSource", "e2e:TokenClassificationTest (tinybert's vocabulary)");
            r.put("licence", "Apache-2.0");
            r.put("preprocessing", Map.of("type", "bert-wordpiece", "vocab", "vocab.txt", "maxLength", MAX_LENGTH));
            r.put("postprocessing", Map.of("type", "token-spans", "aggregation", id.equals(FIRST) ? "first" : "average"));
            r.put("labels", LABELS);
            r.put("devices", List.of("wasm", "server"));
            Files.writeString(recipe, BundleParity.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            StringWriter out = new StringWriter(), err = new StringWriter();
            int rc = Main.execute(new String[] {"import", "--quiet", "--recipe", recipe.toString(), "--model", model.toString(),
                    "--tokenizer", tokenizerFile.toString(), "--out", models.resolve(id).toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(rc).as("converter import " + id + ": " + out + err).isZero();
        }
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
    void spansAgreeEverywhereAndPointIntoTheText() throws Exception {
        List<String> texts = new ArrayList<>(TEXTS);
        texts.addAll(Fixtures.sentences());
        int spans = 0, cut = 0;
        for (String id : List.of(FIRST, AVERAGE)) {
            Compared c = compare(id, texts);
            spans += c.spans;
            cut = c.cut;
            Report.line(String.format("%s (Gather model made and imported by the test, tinybert's vocabulary, maxLength %d): %d texts, "
                            + "%d spans, browser (wasm) = onnxruntime Java = server in entity/start/end/text, max |score difference| %.1e; "
                            + "every span's text is input.substring(start, end); %d texts past %d tokens cut; tensors %d int64 values, 0 differences",
                    id, MAX_LENGTH, texts.size(), c.spans, c.maxScoreDiff, c.cut, MAX_LENGTH, c.values));
        }
        assertThat(cut).as("texts past maxLength").isGreaterThanOrEqualTo(2);
        assertThat(spans).as("the seeded table finds entities").isGreaterThan(2 * texts.size());
    }

    @Test
    void averageDisagreesWithFirstWhereAWordsPiecesDisagree() throws Exception {
        List<Map<String, Object>> first = spansOf(compare(FIRST, List.of(ZOE)).browser.get(0));
        List<Map<String, Object>> average = spansOf(compare(AVERAGE, List.of(ZOE)).browser.get(0));
        Report.line("\"" + ZOE + "\": Saldaña's first piece says I-PER, its other three O; aggregation first " + brief(first)
                + ", average " + brief(average));
        assertThat(brief(first)).containsExactly("PER 0-11 Zoë Saldaña", "LOC 14-19 Paris");
        assertThat(brief(average)).containsExactly("PER 0-3 Zoë", "LOC 14-19 Paris");
    }

    /** What one bundle's comparison found. */
    private record Compared(List<Object> browser, int spans, double maxScoreDiff, int cut, long values) {
    }

    /** Every text in the browser, in onnxruntime Java (JVM pipeline) and on the server: the same spans. */
    private static Compared compare(String id, List<String> texts) throws Exception {
        Path bundle = models.resolve(id);
        List<BundleParity.BrowserResult> browser = BundleParity.browser(tandem, id, texts);
        TaskPipeline pipeline = JvmPipelines.forBundle(bundle);
        int spans = 0, cut = 0;
        long values = 0;
        double maxDiff = 0;
        List<Object> outputs = new ArrayList<>();
        try (ServerModel jvm = JvmPipelines.model(bundle, "fp32")) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String what = id + " \"" + BrowserServerParityTest.abbreviate(text) + "\"";
                Prepared prepared = pipeline.preprocess(ModelInput.text(text));
                values += BundleParity.assertSameBits(what, prepared.feeds(), browser.get(i).tensors());
                int tokens = prepared.feed("input_ids").size();
                assertThat(tokens).as(what + " tokens").isLessThanOrEqualTo(MAX_LENGTH);
                cut += tokenizer.encode(text).length() > MAX_LENGTH ? 1 : 0;

                JsonNode inBrowser = BundleParity.JSON.valueToTree(browser.get(i).output());
                JsonNode onJvm = BundleParity.JSON.valueToTree(jvm.predict(ModelInput.text(text)));
                JsonNode onServer = BundleParity.serverPredict(server, id, text);
                maxDiff = Math.max(maxDiff, sameSpans(what + ": browser vs onnxruntime Java", inBrowser, onJvm));
                maxDiff = Math.max(maxDiff, sameSpans(what + ": server vs onnxruntime Java", onServer, onJvm));
                for (JsonNode s : inBrowser) {
                    int start = s.get("start").asInt(), end = s.get("end").asInt();
                    assertThat(start).as(what + " span " + s).isBetween(0, end);
                    assertThat(end).as(what + " span " + s).isLessThanOrEqualTo(text.length());
                    assertThat(s.get("text").asText()).as(what + " span " + s + " = input.substring(start, end)").isEqualTo(text.substring(start, end));
                    assertThat(end > start && Character.isLowSurrogate(text.charAt(start))).as(what + " span " + s + " starts inside a surrogate pair").isFalse();
                    assertThat(end < text.length() && Character.isLowSurrogate(text.charAt(end))).as(what + " span " + s + " ends inside a surrogate pair").isFalse();
                    assertThat(LABELS).as(what + " span " + s).contains("B-" + s.get("entity").asText());
                    spans++;
                }
                outputs.add(browser.get(i).output());
            }
        }
        assertThat(maxDiff).as(id + ": max |score difference|").isLessThanOrEqualTo(SCORE_TOLERANCE);
        return new Compared(outputs, spans, maxDiff, cut, values);
    }

    /** Same entity, start, end and text in the same order; returns the largest |score difference|. */
    private static double sameSpans(String what, JsonNode actual, JsonNode expected) {
        assertThat(brief(actual)).as(what).isEqualTo(brief(expected));
        double max = 0;
        for (int k = 0; k < expected.size(); k++) {
            max = Math.max(max, Math.abs(actual.get(k).get("score").asDouble() - expected.get(k).get("score").asDouble()));
        }
        return max;
    }

    private static List<String> brief(JsonNode spans) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : spans) {
            out.add(s.get("entity").asText() + " " + s.get("start").asInt() + "-" + s.get("end").asInt() + " " + s.get("text").asText());
        }
        return out;
    }

    private static List<String> brief(List<Map<String, Object>> spans) {
        return brief((JsonNode) BundleParity.JSON.valueToTree(spans));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> spansOf(Object output) {
        return (List<Map<String, Object>>) output;
    }

    // ---- the model's table: seeded, with the rows of ZOE's words set by hand ----

    /** [vocab × 5] logits: Gaussian with O favoured, then the hand-set rows. */
    private static float[] table(int vocab) {
        Random random = new Random(SEED);
        float[] t = new float[vocab * LABELS.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (random.nextGaussian() * 1.5 + (i % LABELS.size() == 0 ? 1.5 : 0));
        }
        Map<Integer, float[]> rows = new LinkedHashMap<>();
        // Zoë: every piece B-PER. Paris: every piece B-LOC. à: O.
        for (int id : pieces("Zoë")) {
            rows.put(id, new float[] {0, 4, 0, 0, 0});
        }
        for (int id : pieces("Paris")) {
            rows.put(id, new float[] {0, 0, 0, 4, 0});
        }
        for (int id : pieces("à")) {
            rows.put(id, new float[] {4, 0, 0, 0, 0});
        }
        // Saldaña: the first piece leans I-PER (p 0.53), the others are clearly O (p 0.83): first → I-PER, average → O.
        int[] saldana = pieces("Saldaña");
        assertThat(saldana.length).as("Saldaña is several pieces in tinybert's vocabulary").isGreaterThanOrEqualTo(2);
        for (int k = 0; k < saldana.length; k++) {
            float[] row = k == 0 ? new float[] {0, 0, 1.5f, 0, 0} : new float[] {3, 0, 0, 0, 0};
            float[] before = rows.put(saldana[k], row);
            assertThat(before).as("piece " + saldana[k] + " of Saldaña is no piece of Zoë, Paris or à").isNull();
        }
        for (Map.Entry<Integer, float[]> e : rows.entrySet()) {
            System.arraycopy(e.getValue(), 0, t, e.getKey() * LABELS.size(), LABELS.size());
        }
        return t;
    }

    /** The ids of one word's pieces (without [CLS] and [SEP]). */
    private static int[] pieces(String word) {
        Encoding e = tokenizer.encode(word);
        int[] out = new int[e.length() - 2];
        for (int i = 1; i < e.length() - 1; i++) {
            assertThat(e.wordId(i)).as(word + " is one word").isZero();
            out[i - 1] = e.id(i);
        }
        return out;
    }

    /** A tokenizer.json (BERT uncased normalisation, no truncation) around tinybert's vocab.txt lines. */
    private static String tokenizerJson(List<String> vocab) throws Exception {
        WordPieceVocab v = WordPieceVocab.of(vocab);
        Map<String, Object> ids = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        List<Object> added = new ArrayList<>();
        for (String special : List.of("[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]")) {
            added.add(Map.of("id", v.id(special), "content", special, "special", true, "single_word", false, "lstrip", false,
                    "rstrip", false, "normalized", false));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", added);
        json.put("normalizer", Map.of("type", "BertNormalizer", "clean_text", true, "handle_chinese_chars", true,
                "strip_accents", true, "lowercase", true));
        json.put("pre_tokenizer", Map.of("type", "BertPreTokenizer"));
        json.put("post_processor", Map.of("type", "BertProcessing", "sep", List.of("[SEP]", v.id("[SEP]")),
                "cls", List.of("[CLS]", v.id("[CLS]"))));
        json.put("model", Map.of("type", "WordPiece", "unk_token", "[UNK]", "continuing_subword_prefix", "##",
                "max_input_chars_per_word", 100, "vocab", ids));
        return BundleParity.JSON.writeValueAsString(json);
    }

    // ---- the model, in ONNX protobuf (field numbers from onnx.proto) ----

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTR_INT = 2;

    /**
     * logits = Gather(table, input_ids) * Unsqueeze(Cast(attention_mask, float), [2]): [batch, sequence, 5]; IR 8, opset 13.
     */
    static byte[] model(float[] table) {
        int vocab = table.length / LABELS.size();
        ByteBuffer t = ByteBuffer.allocate(table.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        t.asFloatBuffer().put(table);
        ByteBuffer axes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2);
        ProtoWriter gather = node("Gather", new String[] {"table", "input_ids"}, "scores", "gather")
                .message(5, new ProtoWriter().string(1, "axis").varint(3, 0).varint(20, ATTR_INT));
        ProtoWriter cast = node("Cast", new String[] {"attention_mask"}, "mask_f", "cast")
                .message(5, new ProtoWriter().string(1, "to").varint(3, FLOAT).varint(20, ATTR_INT));
        ProtoWriter graph = new ProtoWriter()
                .message(1, gather)
                .message(1, cast)
                .message(1, node("Unsqueeze", new String[] {"mask_f", "axes"}, "mask_3d", "unsqueeze"))
                .message(1, node("Mul", new String[] {"scores", "mask_3d"}, "logits", "mul"))
                .string(2, "tiny-ner")
                .message(5, new ProtoWriter().packedVarints(1, new long[] {vocab, LABELS.size()}).varint(2, FLOAT)
                        .string(8, "table").bytes(9, t.array()))
                .message(5, new ProtoWriter().packedVarints(1, new long[] {1}).varint(2, INT64).string(8, "axes").bytes(9, axes.array()))
                .message(11, valueInfo("input_ids", INT64, "batch", "sequence"))
                .message(11, valueInfo("attention_mask", INT64, "batch", "sequence"))
                .message(12, valueInfo("logits", FLOAT, "batch", "sequence", (long) LABELS.size()));
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

    /** A tensor ValueInfoProto; a dim is a Long (fixed) or a String (symbolic). */
    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof Long n ? new ProtoWriter().varint(1, n) : new ProtoWriter().string(2, (String) d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
