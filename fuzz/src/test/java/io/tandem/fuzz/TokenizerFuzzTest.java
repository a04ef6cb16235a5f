package io.tandem.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tandem.pipeline.text.BertTokenizer;
import io.tandem.pipeline.text.BertTokenizerConfig;
import io.tandem.pipeline.text.Encoding;
import io.tandem.pipeline.text.WordPieceVocab;

/**
 * The tokenizer takes any text a caller sends (lone surrogates, control characters, combining
 * marks, huge words): it never throws, and its encoding keeps its bounds — [CLS] first, [SEP]
 * last, at most maxLength ids, every id in the vocabulary, a mask of ones.
 */
class TokenizerFuzzTest {
    private static final int MAX_LENGTH = 24;
    private static final WordPieceVocab VOCAB = WordPieceVocab.fromLines(String.join("\n",
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "a", "un", "##able", "able", "hello", "##lo", "world",
            "!", ",", ".", "?", "##s", "##ed", "##ing", "東", "京", "é", "e", "1", "##2", "3"));
    private static final BertTokenizer TOKENIZER = new BertTokenizer(VOCAB,
            BertTokenizerConfig.bertUncased().toBuilder().maxLength(MAX_LENGTH).build());

    @FuzzTest(maxDuration = "15s")
    void anyTextEncodesWithinItsBounds(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Encoding e = TOKENIZER.encode(text);
        int n = e.length();
        check(n >= 2 && n <= MAX_LENGTH, "length " + n);
        check(e.id(0) == VOCAB.id("[CLS]") && e.id(n - 1) == VOCAB.id("[SEP]"), "not [CLS] … [SEP]");
        for (int i = 0; i < n; i++) {
            check(e.id(i) >= 0 && e.id(i) < VOCAB.size(), "id " + e.id(i) + " outside the vocabulary");
            check(e.attentionMask()[i] == 1, "mask");
        }
        check(e.unknownCount() >= 0 && e.unknownCount() <= n - 2, "unknown count " + e.unknownCount());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
