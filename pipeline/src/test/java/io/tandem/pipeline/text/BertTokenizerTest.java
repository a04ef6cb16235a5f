package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the tokenizer on a tiny vocabulary, where the expected ids can be read by eye. */
class BertTokenizerTest {
    // ids: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, then the words in order from 5
    private static final List<String> WORDS = Arrays.asList(
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "hello", "world", "cafe", "naive", "angstrom", "un", "##aff", "##able", "unaff", "aff", "able",
            "ba", "##na", ",", "!", ".", "'", "s", "中", "文", "a", "##a", "x", "##x", "i", "istanbul", "σ",
            "##σ", "café", "Hello", "[", "]", "mask", "ᄀ", "##ᅡ", "$", "e", "##e", "ab", "##b");
    private static final int UNK = 1;
    private static final int CLS = 2;
    private static final int SEP = 3;
    private static final int MASK = 4;

    private final WordPieceVocab vocab = WordPieceVocab.fromLines(String.join("\n", WORDS) + "\n");
    private final BertTokenizer tokenizer = new BertTokenizer(vocab, BertTokenizerConfig.bertUncased());

    private int id(String token) {
        int id = vocab.id(token);
        assertThat(id).as(token).isNotNegative();
        return id;
    }

    /** [CLS] + the given tokens' ids + [SEP]. */
    private int[] framed(String... tokens) {
        int[] ids = new int[tokens.length + 2];
        ids[0] = CLS;
        for (int i = 0; i < tokens.length; i++) {
            ids[i + 1] = id(tokens[i]);
        }
        ids[tokens.length + 1] = SEP;
        return ids;
    }

    @Test
    void emptyAndWhitespaceOnlyTextGiveClsSep() {
        for (String text : new String[] {"", " ", "\t\n\r ", "\u00A0\u3000\u2028", "\u0000\u200B\uFEFF"}) {
            Encoding e = tokenizer.encode(text);
            assertThat(e.ids()).as(HuggingFaceParityTest.escape(text)).containsExactly(CLS, SEP);
            assertThat(e.length()).isEqualTo(2);
        }
    }

    @Test
    void cleanTextDropsControlAndFormatCharsAndTurnsWhitespaceIntoSpaces() {
        // NUL, BEL, ZERO WIDTH SPACE, BOM, SOFT HYPHEN and U+FFFD vanish, joining what they separated
        assertThat(tokenizer.encode("he\u0000l\u0007l\u200Bo\uFEFF\u00AD\uFFFD").ids()).containsExactly(framed("hello"));
        // tab, newline, NBSP, ideographic space and line separator all separate words
        assertThat(tokenizer.encode("hello\tworld\nhello\u00A0world\u3000hello\u2028world").ids())
                .containsExactly(framed("hello", "world", "hello", "world", "hello", "world"));
        // NEL (U+0085) is a control char before it is whitespace, so it is dropped, not a space
        assertThat(tokenizer.encode("hel\u0085lo").ids()).containsExactly(framed("hello"));
        // private use is "other" and goes; an unassigned code point stays and is unknown
        assertThat(tokenizer.encode("hel\uE000lo").ids()).containsExactly(framed("hello"));
        assertThat(tokenizer.encode("hel\u0378lo").ids()).containsExactly(CLS, UNK, SEP);
    }

    @Test
    void loneSurrogatesAreDroppedLikeTheReplacementCharTheReferenceSees() {
        assertThat(tokenizer.encode("hel\uD800lo").ids()).containsExactly(framed("hello"));
        assertThat(tokenizer.encode("hello\uDC00").ids()).containsExactly(framed("hello"));
    }

    @Test
    void cjkIdeographsBecomeWordsOfTheirOwn() {
        assertThat(tokenizer.encode("a中文a").ids()).containsExactly(framed("a", "中", "文", "a"));
        // kana and hangul are not "Chinese": they stay inside their word
        assertThat(tokenizer.encode("aひa").ids()).containsExactly(CLS, UNK, SEP);
    }

    @Test
    void lowerCasesAndStripsAccents() {
        assertThat(tokenizer.encode("HELLO Café NAÏVE Ångström").ids())
                .containsExactly(framed("hello", "cafe", "naive", "angstrom"));
        // İ decomposes to I + dot above, the dot is stripped, then I lower-cases to i
        assertThat(tokenizer.encode("İstanbul").ids()).containsExactly(framed("istanbul"));
        // no final-sigma rule: every Σ becomes σ, as with Rust's char::to_lowercase
        assertThat(tokenizer.encode("ΣΣ").ids()).containsExactly(framed("σ", "##σ"));
        // decomposed input (e + COMBINING ACUTE) gives the same as precomposed
        assertThat(tokenizer.encode("cafe\u0301").ids()).containsExactly(framed("cafe"));
        // hangul syllables decompose into jamo
        assertThat(tokenizer.encode("가").ids()).containsExactly(framed("ᄀ", "##ᅡ"));
    }

    @Test
    void caseAndAccentsStayWhenSwitchedOff() {
        BertTokenizerConfig keep = BertTokenizerConfig.builder().lowercase(false).stripAccents(false).build();
        BertTokenizer cased = new BertTokenizer(vocab, keep);
        assertThat(cased.encode("Hello café").ids()).containsExactly(framed("Hello", "café"));
        BertTokenizer lowerOnly = new BertTokenizer(vocab,
                BertTokenizerConfig.builder().stripAccents(false).build());
        assertThat(lowerOnly.encode("CAFÉ").ids()).containsExactly(framed("café"));
    }

    @Test
    void otherSwitchesOff() {
        BertTokenizer dirty = new BertTokenizer(vocab, BertTokenizerConfig.builder().cleanText(false).build());
        assertThat(dirty.encode("hel\u200Blo").ids()).containsExactly(CLS, UNK, SEP);
        BertTokenizer noCjk = new BertTokenizer(vocab,
                BertTokenizerConfig.builder().handleChineseChars(false).build());
        assertThat(noCjk.encode("a中文a").ids()).containsExactly(CLS, UNK, SEP);
    }

    @Test
    void splitsOnPunctuationEachCharAlone() {
        assertThat(tokenizer.encode("hello, world!!").ids()).containsExactly(framed("hello", ",", "world", "!", "!"));
        assertThat(tokenizer.encode("hello's").ids()).containsExactly(framed("hello", "'", "s"));
        // ASCII symbols count as punctuation too ($ is Sc in Unicode)
        assertThat(tokenizer.encode("a$a").ids()).containsExactly(framed("a", "$", "a"));
    }

    @Test
    void greedyLongestMatchFirst() {
        // "unaff" is in the vocabulary and longer than "un", so it wins
        assertThat(tokenizer.encode("unaffable").ids()).containsExactly(framed("unaff", "##able"));
        assertThat(tokenizer.encode("banana").ids()).containsExactly(framed("ba", "##na", "##na"));
        assertThat(tokenizer.encode("aaa").ids()).containsExactly(framed("a", "##a", "##a"));
    }

    @Test
    void aWordWithAnUncoveredPartIsOneUnknown() {
        Encoding e = tokenizer.encode("hello nanana bananaq world");
        assertThat(e.ids()).containsExactly(CLS, id("hello"), UNK, UNK, id("world"), SEP);
        assertThat(e.unknownCount()).isEqualTo(2);
    }

    @Test
    void wordsLongerThanTheLimitAreUnknownCountingCodePointsAfterNormalisation() {
        String hundred = "x".repeat(100);
        assertThat(tokenizer.encode(hundred).length()).isEqualTo(102);
        assertThat(tokenizer.encode(hundred + "x").ids()).containsExactly(CLS, UNK, SEP);
        // 100 × "e + combining acute" is 200 chars in, 100 after stripping: not too long
        assertThat(tokenizer.encode("e\u0301".repeat(100)).length()).isEqualTo(102);
        // 101 emoji: surrogate pairs count once each
        assertThat(tokenizer.encode("\uD83D\uDE00".repeat(101)).ids()).containsExactly(CLS, UNK, SEP);
        BertTokenizer strict = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxInputCharsPerWord(3).build());
        assertThat(strict.encode("aaa aaaa").ids()).containsExactly(CLS, id("a"), id("##a"), id("##a"), UNK, SEP);
    }

    @Test
    void truncatesToMaxLengthIncludingClsAndSep() {
        BertTokenizer short8 = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(8).build());
        Encoding e = short8.encode("a a a a a a a a a a a a");
        assertThat(e.ids()).containsExactly(framed("a", "a", "a", "a", "a", "a"));
        // a word's pieces are cut too, not kept whole
        assertThat(short8.encode("a a a a a banana").ids()).containsExactly(framed("a", "a", "a", "a", "a", "ba"));
        assertThat(new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(2).build()).encode("hello").ids())
                .containsExactly(CLS, SEP);
    }

    @Test
    void specialTokensAreMatchedLiterallyBeforeNormalisation() {
        assertThat(tokenizer.encode("hello [MASK] world").ids()).containsExactly(CLS, id("hello"), MASK, id("world"), SEP);
        assertThat(tokenizer.encode("hello[MASK]world").ids()).containsExactly(CLS, id("hello"), MASK, id("world"), SEP);
        assertThat(tokenizer.encode("[CLS][SEP]").ids()).containsExactly(CLS, CLS, SEP, SEP);
        // case matters, and a broken token is ordinary text
        assertThat(tokenizer.encode("[mask]").ids()).containsExactly(framed("[", "mask", "]"));
        assertThat(tokenizer.encode("[MASK").ids()).containsExactly(framed("[", "mask"));
        Encoding unk = tokenizer.encode("[UNK]");
        assertThat(unk.ids()).containsExactly(CLS, UNK, SEP);
        assertThat(unk.unknownCount()).isEqualTo(1);
    }

    @Test
    void encodingExposesMaskAndTypeIdsAndCopies() {
        Encoding e = tokenizer.encode("hello world");
        assertThat(e.attentionMask()).containsExactly(1, 1, 1, 1);
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0);
        assertThat(e.id(1)).isEqualTo(id("hello"));
        e.ids()[1] = 99;
        assertThat(e.id(1)).isEqualTo(id("hello"));
        assertThat(e.unknownCount()).isZero();
    }

    @Test
    void refusesAVocabularyWithoutTheNamedTokens() {
        WordPieceVocab bare = WordPieceVocab.fromLines("[UNK]\n[CLS]\nhello\n");
        assertThatThrownBy(() -> new BertTokenizer(bare, BertTokenizerConfig.bertUncased()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[SEP]");
        assertThatThrownBy(() -> tokenizer.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> BertTokenizerConfig.builder().maxLength(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> BertTokenizerConfig.builder().unkToken("").build())
                .isInstanceOf(IllegalArgumentException.class);
        BertTokenizerConfig c = BertTokenizerConfig.bertUncased();
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.maxLength()).isEqualTo(512);
        assertThat(c.specialTokens()).containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    }

    @Test
    void longTextIsTokenisedInChunksExactlyAsWhole() {
        // Splitting at spaces cannot change the tokens, so the pieces of each space-separated part,
        // concatenated, must equal the pieces of the whole text, whatever the chunk boundaries.
        BertTokenizerConfig unlimited = MiniLm.tokenizerJson().config().toBuilder().maxLength(1_000_000).build();
        BertTokenizer minilm = new BertTokenizer(MiniLm.tokenizerJson().vocab(), unlimited);
        for (String text : ParityCorpus.build(minilm.vocab())) {
            if (text.length() < 300) {
                continue;
            }
            List<Integer> expected = new java.util.ArrayList<>();
            for (String part : text.split(" ", -1)) {
                int[] ids = minilm.encode(part).ids();
                for (int i = 1; i < ids.length - 1; i++) {
                    expected.add(ids[i]);
                }
            }
            int[] whole = minilm.encode(text).ids();
            assertThat(Arrays.stream(whole, 1, whole.length - 1).boxed()).as(HuggingFaceParityTest.escape(text))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void realVocabularyExamples() {
        BertTokenizer minilm = MiniLm.tokenizer();
        assertThat(minilm.encode("hello [MASK] world").ids()).containsExactly(101, 7592, 103, 2088, 102);
        assertThat(minilm.encode("café naïve Ångström İstanbul").ids())
                .containsExactly(101, 7668, 15743, 17076, 15687, 9960, 102);
        assertThat(minilm.encode("word ".repeat(500)).length()).isEqualTo(128);
    }
}
