package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.tandem.pipeline.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canonical reordering, checked against the reference itself. With BERT's vocabulary every mark
 * that survives accent stripping makes its word unknown, so the order of marks never shows in the
 * ids; here a tokenizer.json built in this test gives each such mark a "##" piece of its own, so
 * the order the reference puts them in is the order of the ids.
 *
 * <p>The marks: some with a combining class but not Mn in Unicode 8.0 (musical stems, Hangul tone
 * marks; 9.0 Arabic, Adlam and Latin marks), Mn marks that reorder and are then stripped, a Mn
 * mark of class 0 that ends a run of marks, and two Unicode 13.0 marks whose class the reference's
 * 9.0 data does not know (so they must not move).
 *
 * <p>As each surviving mark is a token, the offsets show where the reference's alignment puts each
 * reordered mark, so they are compared too (converted from code point to UTF-16 indices).
 */
class ReorderParityTest {
    private static final int[] MARKS = {0x1D165, 0x1D166, 0x1D16D, 0x1D16E, 0x302E, 0x302F, 0x08D4, 0x08E3,
        0x08DA, 0x1DF6, 0x1DF9, 0x1E944, 0x1E94A, 0x0301, 0x0323, 0x0334, 0x0345, 0x0E31, 0x16FF0, 0x16FF1};

    @TempDir
    Path tempDir;

    @Test
    void marksComeOutInTheReferencesOrder() throws Exception {
        String json = Json.write(tokenizerJson());
        BertTokenizer ours = TokenizerJson.read(json).tokenizer();
        Path file = tempDir.resolve("marks-tokenizer.json");
        Files.write(file, json.getBytes(StandardCharsets.UTF_8));
        Random random = new Random(13);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(file,
                Map.of("padding", "false", "truncation", "true", "maxLength", "512"))) {
            for (int i = 0; i < 3000; i++) {
                StringBuilder sb = new StringBuilder();
                int words = 1 + random.nextInt(3);
                for (int w = 0; w < words; w++) {
                    sb.append("xae".charAt(random.nextInt(3)));
                    int n = 1 + random.nextInt(5);
                    for (int j = 0; j < n; j++) {
                        sb.appendCodePoint(MARKS[random.nextInt(MARKS.length)]);
                    }
                    sb.append(' ');
                }
                String text = sb.toString();
                ai.djl.huggingface.tokenizers.Encoding reference1 = reference.encode(text);
                int[] expected = Arrays.stream(reference1.getIds()).mapToInt(Math::toIntExact).toArray();
                Encoding ours1 = ours.encode(text);
                int[] actual = ours1.ids();
                compared += expected.length;
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add(HuggingFaceParityTest.escape(text) + " expected " + Arrays.toString(expected)
                            + " actual " + Arrays.toString(actual));
                } else if (!Arrays.equals(ReferenceTokenizer.utf16Offsets(text, reference1), ours1.offsets())) {
                    mismatches.add(HuggingFaceParityTest.escape(text) + " offsets expected "
                            + Arrays.toString(ReferenceTokenizer.utf16Offsets(text, reference1))
                            + " actual " + Arrays.toString(ours1.offsets()));
                }
            }
        }
        System.out.println("reordering parity: 3000 strings, " + compared + " tokens, " + mismatches.size() + " mismatches");
        assertThat(mismatches).isEmpty();
    }

    private static Map<String, Object> tokenizerJson() {
        Map<String, Object> vocab = Json.object();
        for (String t : new String[] {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "x", "a", "e"}) {
            vocab.put(t, (long) vocab.size());
        }
        for (int mark : MARKS) {
            vocab.put("##" + new String(Character.toChars(mark)), (long) vocab.size());
        }
        Map<String, Object> model = Json.object();
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100L);
        model.put("vocab", vocab);
        Map<String, Object> normalizer = Json.object();
        normalizer.put("type", "BertNormalizer");
        normalizer.put("clean_text", true);
        normalizer.put("handle_chinese_chars", true);
        normalizer.put("strip_accents", null);
        normalizer.put("lowercase", true);
        Map<String, Object> preTokenizer = Json.object();
        preTokenizer.put("type", "BertPreTokenizer");
        Map<String, Object> post = Json.object();
        post.put("type", "BertProcessing");
        post.put("sep", Arrays.asList("[SEP]", 3L));
        post.put("cls", Arrays.asList("[CLS]", 2L));
        Map<String, Object> root = Json.object();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", Json.array());
        root.put("normalizer", normalizer);
        root.put("pre_tokenizer", preTokenizer);
        root.put("post_processor", post);
        root.put("decoder", null);
        root.put("model", model);
        return root;
    }
}
