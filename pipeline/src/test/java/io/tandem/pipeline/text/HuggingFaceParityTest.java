package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge: on every string of {@link ParityCorpus}, our ids and attention mask must equal those
 * of HuggingFace tokenizers (Rust) loaded from the same tokenizer.json.
 */
class HuggingFaceParityTest {
    @TempDir
    Path tempDir;

    @Test
    void idsAndMaskEqualTheReferenceOnTheWholeCorpus() throws Exception {
        BertTokenizer ours = MiniLm.tokenizer();
        List<String> corpus = ParityCorpus.build(ours.vocab());
        List<String> mismatches = new ArrayList<>();
        long tokens = 0;
        int unknown = 0;
        int truncated = 0;
        try (ReferenceTokenizer reference = new ReferenceTokenizer(tempDir)) {
            for (String text : corpus) {
                int[][] expected = reference.encode(text);
                Encoding actual = ours.encode(text);
                tokens += expected[0].length;
                unknown += actual.unknownCount();
                truncated += expected[0].length == 128 ? 1 : 0;
                if (!Arrays.equals(expected[0], actual.ids()) || !Arrays.equals(expected[1], actual.attentionMask())) {
                    mismatches.add(escape(text) + "\n    expected " + Arrays.toString(expected[0])
                            + "\n    actual   " + Arrays.toString(actual.ids()));
                }
            }
            System.out.printf("parity with HuggingFace tokenizers %s: %d strings, %d tokens compared "
                    + "(%d [UNK], %d truncated at 128), %d mismatches%n",
                    reference.version(), corpus.size(), tokens, unknown, truncated, mismatches.size());
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(mismatches).as("strings whose ids differ from the reference").isEmpty();
    }

    /** Makes invisible and non-ASCII chars readable in a failure message. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}
