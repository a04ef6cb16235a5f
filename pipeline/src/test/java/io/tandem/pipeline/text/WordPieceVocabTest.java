package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WordPieceVocabTest {
    @Test
    void idIsTheLineIndex() {
        WordPieceVocab v = WordPieceVocab.fromLines("[PAD]\n[UNK]\nhello\n##lo\n");
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.id("[PAD]")).isZero();
        assertThat(v.id("hello")).isEqualTo(2);
        assertThat(v.id("##lo")).isEqualTo(3);
        assertThat(v.token(3)).isEqualTo("##lo");
        assertThat(v.id("absent")).isEqualTo(-1);
        assertThat(v.contains("hello")).isTrue();
    }

    @Test
    void readsLinesLikeHuggingFace() {
        // CRLF and trailing spaces go, a final newline adds nothing, an empty line is a token
        WordPieceVocab v = WordPieceVocab.fromLines("a \r\nb\u00A0\n\nc");
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.token(0)).isEqualTo("a");
        assertThat(v.token(1)).isEqualTo("b");
        assertThat(v.token(2)).isEmpty();
        assertThat(v.id("c")).isEqualTo(3);
        assertThat(WordPieceVocab.fromLines("").size()).isZero();
    }

    @Test
    void aRepeatedTokenLooksUpToItsLastId() {
        WordPieceVocab v = WordPieceVocab.fromLines("x\ny\nx\n");
        assertThat(v.id("x")).isEqualTo(2);
        assertThat(v.token(0)).isEqualTo("x");
    }

    @Test
    void findsSlicesBehindAPrefixWithoutStrings() {
        WordPieceVocab v = WordPieceVocab.of(Arrays.asList("un", "##able", "able"));
        char[] buf = "xxableyy".toCharArray();
        char[] prefix = "##".toCharArray();
        assertThat(v.find(WordPieceVocab.hash("##able"), prefix, buf, 2, 6)).isEqualTo(1);
        assertThat(v.find(WordPieceVocab.hash("able"), new char[0], buf, 2, 6)).isEqualTo(2);
        assertThat(v.find(WordPieceVocab.hash("##abl"), prefix, buf, 2, 5)).isEqualTo(-1);
        assertThat(v.maxTokenLength()).isEqualTo(6);
    }

    @Test
    void roundTripsThroughLines() {
        WordPieceVocab v = WordPieceVocab.fromLines("[PAD]\nhello\n##lo\n");
        assertThat(v.toLines()).isEqualTo("[PAD]\nhello\n##lo\n");
        assertThat(WordPieceVocab.fromLines(v.toLines()).size()).isEqualTo(3);
    }

    @Test
    void largeVocabularyLooksUpEveryToken() {
        WordPieceVocab v = MiniLm.tokenizerJson().vocab();
        assertThat(v.size()).isEqualTo(30522);
        for (int id = 0; id < v.size(); id++) {
            String token = v.token(id);
            char[] chars = token.toCharArray();
            assertThat(v.find(WordPieceVocab.hash(token), new char[0], chars, 0, chars.length)).isEqualTo(id);
            assertThat(v.id(token)).isEqualTo(id);
        }
    }

    @Test
    void tokenOutOfRangeIsAnError() {
        assertThatThrownBy(() -> WordPieceVocab.fromLines("a\n").token(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no token with id 1");
    }
}
