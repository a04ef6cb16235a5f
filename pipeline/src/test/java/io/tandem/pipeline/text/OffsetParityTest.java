package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets, word ids and the special-tokens mask against HuggingFace tokenizers on the whole
 * {@link ParityCorpus}, for MiniLM's normaliser and for variants of its settings (cased, accents
 * stripped without lower-casing, lower-cased without stripping, no text cleaning nor CJK
 * spacing), so that each normalisation step's alignment is checked on its own.
 *
 * <p>Two differences are legitimate and handled here, not hidden:
 * <ul>
 *   <li>HuggingFace's char offsets count Unicode scalar values; ours are UTF-16 indices into the
 *       Java string. The reference's are converted ({@link ReferenceTokenizer#utf16Offsets}), so
 *       a text with emoji or other supplementary chars is compared exactly, after conversion.
 *   <li>A text with a lone surrogate reaches the reference through JNI's modified UTF-8 and is
 *       decoded lossily into another string (each surrogate's three bytes become U+FFFD chars, and
 *       its other supplementary chars are garbled too), so its offsets index a string that is not
 *       the caller's. Such texts are skipped here (their ids are compared by {@link
 *       HuggingFaceParityTest}) and their offsets are checked by hand in {@link OffsetsTest}.
 * </ul>
 * [CLS] and [SEP] have no span in the reference (null); ours are (0, 0), as HuggingFace's Python
 * offset_mapping gives them.
 */
class OffsetParityTest {
    @TempDir
    Path tempDir;

    @Test
    void miniLmUncased() throws Exception {
        check("uncased", MiniLm.json());
    }

    @Test
    void casedKeepsAccents() throws Exception {
        check("cased", variant(true, true, "null", false));
    }

    @Test
    void stripsAccentsWithoutLowerCasing() throws Exception {
        check("strip-only", variant(true, true, "true", false));
    }

    @Test
    void lowerCasesWithoutStripping() throws Exception {
        check("lower-only", variant(true, true, "false", true));
    }

    @Test
    void noCleaningNorChineseSpacing() throws Exception {
        check("raw", variant(false, false, "true", true));
    }

    /** MiniLM's tokenizer.json with other BertNormalizer settings. */
    private static String variant(boolean cleanText, boolean chinese, String stripAccents, boolean lowercase) {
        String original = "\"clean_text\": true,\n    \"handle_chinese_chars\": true,\n"
                + "    \"strip_accents\": null,\n    \"lowercase\": true";
        String json = MiniLm.json();
        assertThat(json).contains(original);
        return json.replace(original, "\"clean_text\": " + cleanText + ",\n    \"handle_chinese_chars\": " + chinese
                + ",\n    \"strip_accents\": " + stripAccents + ",\n    \"lowercase\": " + lowercase);
    }

    private void check(String name, String json) throws Exception {
        BertTokenizer ours = TokenizerJson.read(json).tokenizer();
        List<String> corpus = ParityCorpus.build(ours.vocab());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int skipped = 0;
        long tokens = 0;
        try (ReferenceTokenizer reference = new ReferenceTokenizer(tempDir, name + ".json", json)) {
            for (String text : corpus) {
                if (hasLoneSurrogate(text)) {
                    skipped++;
                    continue;
                }
                ai.djl.huggingface.tokenizers.Encoding expected = reference.encodeFull(text);
                Encoding actual = ours.encode(text);
                compared++;
                tokens += actual.length();
                int[] expectedIds = ReferenceTokenizer.toInts(expected.getIds());
                int[] expectedOffsets = ReferenceTokenizer.utf16Offsets(text, expected);
                int[] expectedWords = ReferenceTokenizer.toInts(expected.getWordIds());
                int[] expectedSpecial = ReferenceTokenizer.toInts(expected.getSpecialTokenMask());
                String what = null;
                if (!Arrays.equals(expectedIds, actual.ids())) {
                    what = "ids";
                } else if (!Arrays.equals(expectedOffsets, actual.offsets())) {
                    what = "offsets " + firstDifference(expectedOffsets, actual.offsets(), text);
                } else if (!Arrays.equals(expectedWords, actual.wordIds())) {
                    what = "word ids\n    expected " + Arrays.toString(expectedWords)
                            + "\n    actual   " + Arrays.toString(actual.wordIds());
                } else if (!Arrays.equals(expectedSpecial, actual.specialTokensMask())) {
                    what = "special tokens mask";
                }
                if (what != null) {
                    mismatches.add(HuggingFaceParityTest.escape(text) + ": " + what);
                }
            }
        }
        System.out.printf("offset parity (%s): %d strings, %d tokens compared, %d with lone surrogates skipped, "
                + "%d mismatches%n", name, compared, tokens, skipped, mismatches.size());
        assertThat(compared).isGreaterThanOrEqualTo(2000);
        assertThat(mismatches).as(name + ": strings whose offsets or word ids differ from the reference")
                .isEmpty();
    }

    private static String firstDifference(int[] expected, int[] actual, String text) {
        for (int i = 0; i < Math.min(expected.length, actual.length); i += 2) {
            if (expected[i] != actual[i] || expected[i + 1] != actual[i + 1]) {
                return "at token " + i / 2 + ": expected (" + expected[i] + "," + expected[i + 1] + ") "
                        + HuggingFaceParityTest.escape(slice(text, expected[i], expected[i + 1]))
                        + ", actual (" + actual[i] + "," + actual[i + 1] + ") "
                        + HuggingFaceParityTest.escape(slice(text, actual[i], actual[i + 1]));
            }
        }
        return "lengths differ";
    }

    private static String slice(String text, int start, int end) {
        return start <= end && end <= text.length() ? text.substring(start, end) : "?";
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
