package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offsets and word ids on a tiny vocabulary, case by case, where the expected spans can be read by
 * eye; {@link OffsetParityTest} checks the same against the reference on the whole corpus.
 */
class OffsetsTest {
    private static final List<String> WORDS = Arrays.asList(
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "hello", "world", "cafe", "un", "##aff", "##able", "unaff", ",", "!", "中", "文", "a", "##b",
            "istanbul", "ᄀ", "##ᅡ", "word", "Hello");

    private final WordPieceVocab vocab = WordPieceVocab.fromLines(String.join("\n", WORDS) + "\n");
    private final BertTokenizer tokenizer = new BertTokenizer(vocab, BertTokenizerConfig.bertUncased());

    /** The tokens' spans, specials included, as "start-end" strings; "text" checks they slice right. */
    private static String[] spans(Encoding e) {
        String[] out = new String[e.length()];
        for (int i = 0; i < e.length(); i++) {
            out[i] = e.start(i) + "-" + e.end(i);
        }
        return out;
    }

    private static String[] texts(Encoding e, String text) {
        String[] out = new String[e.length() - 2];
        for (int i = 1; i < e.length() - 1; i++) {
            out[i - 1] = text.substring(e.start(i), e.end(i));
        }
        return out;
    }

    @Test
    void wordsAndPunctuationGetTheirSpansAndSpecialsGetZeroZero() {
        String text = "Hello, world!";
        Encoding e = tokenizer.encode(text);
        assertThat(spans(e)).containsExactly("0-0", "0-5", "5-6", "7-12", "12-13", "0-0");
        assertThat(e.offsets()).containsExactly(0, 0, 0, 5, 5, 6, 7, 12, 12, 13, 0, 0);
        assertThat(texts(e, text)).containsExactly("Hello", ",", "world", "!");
        assertThat(e.wordIds()).containsExactly(-1, 0, 1, 2, 3, -1);
        assertThat(e.specialTokensMask()).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(e.isSpecial(0)).isTrue();
        assertThat(e.isSpecial(1)).isFalse();
    }

    @Test
    void piecesOfOneWordShareItsWordIdAndSplitItsSpan() {
        Encoding e = tokenizer.encode("  unaffable ab");
        assertThat(spans(e)).containsExactly("0-0", "2-7", "7-11", "12-13", "13-14", "0-0");
        assertThat(e.wordIds()).containsExactly(-1, 0, 0, 1, 1, -1);
    }

    @Test
    void anUnknownWordSpansTheWholeWord() {
        // surrogate pairs count as two UTF-16 units; the reference would say code points (0, 3)
        String text = "x\uD83D\uDE00y a";
        Encoding e = tokenizer.encode(text);
        assertThat(e.ids()).containsExactly(2, 1, vocab.id("a"), 3);
        assertThat(spans(e)).containsExactly("0-0", "0-4", "5-6", "0-0");
    }

    @Test
    void accentsAndCaseChangeNoOffset() {
        // precomposed é is one char; İ (U+0130) lower-cases and strips to i
        assertThat(spans(tokenizer.encode("CAFÉ İstanbul"))).containsExactly("0-0", "0-4", "5-13", "0-0");
        // a decomposed accent is a char of its own that stripping drops: the piece ends at the last
        // char it kept, as HuggingFace's alignments give it
        String text = "Cafe\u0301 x";
        Encoding e = tokenizer.encode(text);
        assertThat(spans(e)).containsExactly("0-0", "0-4", "6-7", "0-0");
        // a mark between kept chars lies inside the span
        assertThat(spans(tokenizer.encode("wo\u0301rld"))).containsExactly("0-0", "0-6", "0-0");
    }

    @Test
    void removedCharsVanishFromSpansButDoNotShiftThem() {
        String text = "\u0000he\u200Bllo\u0007 world";
        Encoding e = tokenizer.encode(text);
        assertThat(spans(e)).containsExactly("0-0", "1-7", "9-14", "0-0");
        assertThat(texts(e, text)).containsExactly("he\u200Bllo", "world");
    }

    @Test
    void loneSurrogatesAreDroppedLikeOtherRemovedChars() {
        Encoding e = tokenizer.encode("hel\uD800lo \uDC00world");
        assertThat(e.ids()).containsExactly(2, vocab.id("hello"), vocab.id("world"), 3);
        assertThat(spans(e)).containsExactly("0-0", "0-6", "8-13", "0-0");
    }

    @Test
    void chineseCharsAreWordsOfTheirOwn() {
        Encoding e = tokenizer.encode("a中文a");
        assertThat(spans(e)).containsExactly("0-0", "0-1", "1-2", "2-3", "3-4", "0-0");
        assertThat(e.wordIds()).containsExactly(-1, 0, 1, 2, 3, -1);
    }

    @Test
    void allJamoOfAHangulSyllableSpanTheSyllable() {
        Encoding e = tokenizer.encode("가 a");
        assertThat(e.ids()).containsExactly(2, vocab.id("ᄀ"), vocab.id("##ᅡ"), vocab.id("a"), 3);
        assertThat(spans(e)).containsExactly("0-0", "0-1", "0-1", "2-3", "0-0");
        assertThat(e.wordIds()).containsExactly(-1, 0, 0, 1, -1);
    }

    @Test
    void literalSpecialTokensAreWordsWithSpansButNotSpecial() {
        String text = "hello [MASK]world";
        Encoding e = tokenizer.encode(text);
        assertThat(e.ids()).containsExactly(2, vocab.id("hello"), 4, vocab.id("world"), 3);
        assertThat(spans(e)).containsExactly("0-0", "0-5", "6-12", "12-17", "0-0");
        assertThat(e.wordIds()).containsExactly(-1, 0, 1, 2, -1);
        assertThat(e.specialTokensMask()).containsExactly(1, 0, 0, 0, 1);
    }

    @Test
    void emptyTextHasOnlyTheSpecials() {
        Encoding e = tokenizer.encode("");
        assertThat(e.offsets()).containsExactly(0, 0, 0, 0);
        assertThat(e.wordIds()).containsExactly(-1, -1);
        assertThat(tokenizer.encode(" \u0000 ").offsets()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void truncationKeepsTheSpansOfTheKeptTokens() {
        BertTokenizer shortOne = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(5).build());
        Encoding e = shortOne.encode("hello unaffable world");
        assertThat(e.length()).isEqualTo(5);
        assertThat(spans(e)).containsExactly("0-0", "0-5", "6-11", "11-15", "0-0");
        assertThat(e.wordIds()).containsExactly(-1, 0, 1, 1, -1);
    }

    @Test
    void spansStayRightAcrossTheTokenizersChunks() {
        // far more than one chunk of text, with chunks cut at spaces and at ideographs
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sb.append(i % 2 == 0 ? "word " : "中文");
        }
        String text = sb.toString();
        Encoding e = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(512).build()).encode(text);
        assertThat(e.length()).isEqualTo(2 + 90);
        int expectedStart = 0;
        for (int i = 1; i < e.length() - 1; i++) {
            String piece = text.substring(e.start(i), e.end(i));
            assertThat(piece).isIn("word", "中", "文");
            assertThat(e.start(i)).isGreaterThanOrEqualTo(expectedStart);
            assertThat(e.wordId(i)).isEqualTo(i - 1);
            expectedStart = e.end(i);
        }
    }

    @Test
    void casedTokenizerKeepsSpansOfUnchangedText() {
        BertTokenizer cased = new BertTokenizer(vocab, BertTokenizerConfig.builder().lowercase(false).stripAccents(false).build());
        Encoding e = cased.encode("Hello hello");
        assertThat(e.ids()).containsExactly(2, vocab.id("Hello"), vocab.id("hello"), 3);
        assertThat(spans(e)).containsExactly("0-0", "0-5", "6-11", "0-0");
    }
}
