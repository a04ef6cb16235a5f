package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.text.TokenSpans.Aggregation;
import io.tandem.pipeline.text.TokenSpans.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Span aggregation on hand-made probability rows, one trap per test. */
class TokenSpansTest {
    private static final List<String> WORDS = Arrays.asList(
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "wolf", "##gang", "lives", "in", "new", "york", "paris", "and", "london", "jose", "muller", ".", "query", ":");
    private static final List<String> IOB = Arrays.asList("O", "B-PER", "I-PER", "B-LOC", "I-LOC");

    private final WordPieceVocab vocab = WordPieceVocab.fromLines(String.join("\n", WORDS) + "\n");
    private final BertTokenizer tokenizer = new BertTokenizer(vocab, BertTokenizerConfig.bertUncased());

    /** A probability row over {@link #IOB}: {@code p} on {@code label}, the rest shared evenly. */
    private static double[] row(String label, double p) {
        return row(IOB, label, p);
    }

    private static double[] row(List<String> labels, String label, double p) {
        double[] r = new double[labels.size()];
        Arrays.fill(r, (1 - p) / (labels.size() - 1));
        r[labels.indexOf(label)] = p;
        return r;
    }

    private static String[] described(List<Span> spans) {
        String[] out = new String[spans.size()];
        for (int i = 0; i < out.length; i++) {
            Span s = spans.get(i);
            out[i] = s.entity() + " " + s.start() + "-" + s.end() + " " + s.text();
        }
        return out;
    }

    /** "Wolfgang lives in New York": [CLS] wolf ##gang lives in new york [SEP]. */
    private static final String WOLFGANG = "Wolfgang lives in New York";

    private double[][] wolfgangRows() {
        return new double[][] {
            row("B-PER", 0.99),  // [CLS]: must be ignored
            row("B-PER", 0.9), row("I-LOC", 0.6),  // wolf ##gang
            row("O", 0.99), row("O", 0.98),
            row("B-LOC", 0.8), row("I-LOC", 0.7),
            row("B-LOC", 0.99),  // [SEP]
        };
    }

    @Test
    void theTokenizerSplitsTheExampleAsTheRowsAssume() {
        Encoding e = tokenizer.encode(WOLFGANG);
        assertThat(e.ids()).containsExactly(2, 5, 6, 7, 8, 9, 10, 3);
        assertThat(e.wordIds()).containsExactly(-1, 0, 0, 1, 2, 3, 4, -1);
    }

    @Test
    void firstTakesTheLabelOfAWordsFirstPiece() {
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), wolfgangRows(), IOB, Aggregation.FIRST);
        assertThat(described(spans)).containsExactly("PER 0-8 Wolfgang", "LOC 18-26 New York");
        assertThat(spans.get(0).score()).isEqualTo(0.9);
        assertThat(spans.get(1).score()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void averageTakesTheBestLabelOfTheMeanOfAWordsPieces() {
        double[][] rows = wolfgangRows();
        // wolf: B-PER 0.9 (others 0.025); ##gang: I-LOC 0.6 (others 0.1): mean B-PER 0.5, I-LOC 0.3125
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.AVERAGE);
        assertThat(described(spans)).containsExactly("PER 0-8 Wolfgang", "LOC 18-26 New York");
        assertThat(spans.get(0).score()).isCloseTo(0.5, within(1e-15));
        // when the later piece is surer, the average can turn the word's label
        rows[2] = row("I-LOC", 0.99);
        rows[1] = row("B-PER", 0.5);
        spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.AVERAGE);
        assertThat(described(spans)).containsExactly("LOC 0-8 Wolfgang", "LOC 18-26 New York");
        assertThat(spans.get(0).score()).isCloseTo((0.125 + 0.99) / 2, within(1e-15));
    }

    @Test
    void maxTakesTheLabelOfTheMostConfidentPiece() {
        double[][] rows = wolfgangRows();
        rows[2] = row("I-LOC", 0.95);
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.MAX);
        assertThat(described(spans)).containsExactly("LOC 0-8 Wolfgang", "LOC 18-26 New York");
        assertThat(spans.get(0).score()).isEqualTo(0.95);
        // on a tie the first piece wins
        rows[2] = row("I-LOC", 0.9);
        spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.MAX);
        assertThat(spans.get(0).entity()).isEqualTo("PER");
    }

    @Test
    void noneMakesEachTokenNotOutsideASpanOfItsOwn() {
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), wolfgangRows(), IOB, Aggregation.NONE);
        assertThat(described(spans)).containsExactly("PER 0-4 Wolf", "LOC 4-8 gang", "LOC 18-21 New", "LOC 22-26 York");
        assertThat(spans).extracting(Span::score).containsExactly(0.9, 0.6, 0.8, 0.7);
    }

    @Test
    void simpleGroupsTokensIgnoringWords() {
        double[][] rows = wolfgangRows();
        rows[2] = row("I-PER", 0.7);
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.SIMPLE);
        assertThat(described(spans)).containsExactly("PER 0-8 Wolfgang", "LOC 18-26 New York");
        assertThat(spans.get(0).score()).isCloseTo(0.8, within(1e-15));
        // a piece labelled otherwise splits its word under SIMPLE, not under FIRST
        rows[2] = row("I-LOC", 0.7);
        assertThat(described(TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), rows, IOB, Aggregation.SIMPLE)))
                .containsExactly("PER 0-4 Wolf", "LOC 4-8 gang", "LOC 18-26 New York");
    }

    @Test
    void anInsideLabelWithoutABeginStartsASpan() {
        String text = "lives in London";
        double[][] rows = {row("O", 0.9), row("I-PER", 0.6), row("O", 0.9), row("I-LOC", 0.8), row("O", 0.9)};
        for (Aggregation a : new Aggregation[] {Aggregation.SIMPLE, Aggregation.FIRST, Aggregation.AVERAGE, Aggregation.MAX}) {
            assertThat(described(TokenSpans.aggregate(text, tokenizer.encode(text), rows, IOB, a)))
                    .as(a.id()).containsExactly("PER 0-5 lives", "LOC 9-15 London");
        }
    }

    @Test
    void adjacentBeginsAreSeparateSpansAndInsideOfAnotherEntityToo() {
        String text = "Paris London New York";
        double[][] rows = {row("O", 0.9), row("B-LOC", 0.9), row("B-LOC", 0.8), row("I-PER", 0.7), row("I-PER", 0.6),
            row("O", 0.9)};
        assertThat(described(TokenSpans.aggregate(text, tokenizer.encode(text), rows, IOB, Aggregation.FIRST)))
                .containsExactly("LOC 0-5 Paris", "LOC 6-12 London", "PER 13-21 New York");
    }

    @Test
    void anOutsideWordBetweenSeparatesSpans() {
        String text = "Paris and London";
        double[][] rows = {row("O", 0.9), row("B-LOC", 0.9), row("O", 0.8), row("I-LOC", 0.7), row("O", 0.9)};
        List<Span> spans = TokenSpans.aggregate(text, tokenizer.encode(text), rows, IOB, Aggregation.FIRST);
        assertThat(described(spans)).containsExactly("LOC 0-5 Paris", "LOC 10-16 London");
        assertThat(spans).extracting(Span::score).containsExactly(0.9, 0.7);
    }

    @Test
    void plainLabelsContinueRunsOfThemselves() {
        List<String> plain = Arrays.asList("O", "PER", "LOC");
        String text = "Jose Muller and Paris London";
        double[][] rows = {row(plain, "O", 0.9), row(plain, "PER", 0.9), row(plain, "PER", 0.7), row(plain, "O", 0.9),
            row(plain, "LOC", 0.6), row(plain, "LOC", 0.8), row(plain, "O", 0.9)};
        List<Span> spans = TokenSpans.aggregate(text, tokenizer.encode(text), rows, plain, Aggregation.FIRST);
        assertThat(described(spans)).containsExactly("PER 0-11 Jose Muller", "LOC 16-28 Paris London");
        assertThat(spans.get(0).score()).isCloseTo(0.8, within(1e-15));
        assertThat(spans.get(1).score()).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void spansAreSlicesOfTheOriginalTextThroughNormalisation() {
        String text = "  JOSÉ Mu\u0308ller\u200B lives.";
        Encoding e = tokenizer.encode(text);
        assertThat(e.ids()).containsExactly(2, vocab.id("jose"), vocab.id("muller"), vocab.id("lives"), vocab.id("."), 3);
        double[][] rows = {row("O", 0.9), row("B-PER", 0.9), row("I-PER", 0.9), row("O", 0.9), row("O", 0.9), row("O", 0.9)};
        List<Span> spans = TokenSpans.aggregate(text, e, rows, IOB, Aggregation.AVERAGE);
        assertThat(described(spans)).containsExactly("PER 2-14 JOSÉ Mu\u0308ller");
    }

    @Test
    void specialsAreIgnoredAndALiteralMaskIsAWord() {
        String text = "new [MASK]";
        double[][] rows = {row("B-PER", 1.0), row("B-LOC", 0.9), row("I-LOC", 0.5), row("B-PER", 1.0)};
        List<Span> spans = TokenSpans.aggregate(text, tokenizer.encode(text), rows, IOB, Aggregation.FIRST);
        assertThat(described(spans)).containsExactly("LOC 0-10 new [MASK]");
        // nothing but specials: no spans
        assertThat(TokenSpans.aggregate("", tokenizer.encode(""), new double[][] {row("B-PER", 1), row("B-PER", 1)},
                IOB, Aggregation.FIRST)).isEmpty();
    }

    @Test
    void truncatedTextHasSpansOnlyWhereTokensWereKept() {
        BertTokenizer shortOne = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(6).build());
        Encoding e = shortOne.encode(WOLFGANG);   // [CLS] wolf ##gang lives in [SEP]
        assertThat(e.length()).isEqualTo(6);
        double[][] rows = {row("O", 0.9), row("B-PER", 0.9), row("I-PER", 0.9), row("O", 0.9), row("B-LOC", 0.8),
            row("O", 0.9)};
        assertThat(described(TokenSpans.aggregate(WOLFGANG, e, rows, IOB, Aggregation.FIRST)))
                .containsExactly("PER 0-8 Wolfgang", "LOC 15-17 in");
        // a word cut in its middle keeps the pieces that were kept
        Encoding cut = new BertTokenizer(vocab, BertTokenizerConfig.builder().maxLength(3).build()).encode(WOLFGANG);
        assertThat(described(TokenSpans.aggregate(WOLFGANG, cut, new double[][] {row("O", 1), row("B-PER", 1), row("O", 1)},
                IOB, Aggregation.AVERAGE))).containsExactly("PER 0-4 Wolf");
    }

    @Test
    void aPrefixTheCallerDidNotWriteIsSkippedAndOffsetsAreTheCallers() {
        String caller = "Paris and London";
        String encoded = "query: " + caller;
        Encoding e = tokenizer.encode(encoded);   // [CLS] query : paris and london [SEP]
        assertThat(e.length()).isEqualTo(7);
        double[][] rows = {row("O", 0.9), row("B-PER", 0.9), row("I-PER", 0.9), row("B-LOC", 0.9), row("O", 0.8),
            row("B-LOC", 0.7), row("O", 0.9)};
        for (Aggregation a : Aggregation.values()) {
            List<Span> spans = TokenSpans.aggregate(encoded, 7, e, rows, IOB, a, TokenSpans.DEFAULT_IGNORE);
            assertThat(described(spans)).as(a.id()).containsExactly("LOC 0-5 Paris", "LOC 10-16 London");
        }
        // without the prefix's length, its tokens are text like any other
        assertThat(described(TokenSpans.aggregate(encoded, e, rows, IOB, Aggregation.FIRST)))
                .containsExactly("PER 0-6 query:", "LOC 7-12 Paris", "LOC 17-23 London");
        assertThatThrownBy(() -> TokenSpans.aggregate(encoded, 99, e, rows, IOB, Aggregation.FIRST, TokenSpans.DEFAULT_IGNORE))
                .hasMessageContaining("found 99");
    }

    @Test
    void ignoredLabelsMakeNoSpanButStillSeparate() {
        List<String> labels = Arrays.asList("O", "B-PER", "I-PER", "B-MISC", "I-MISC");
        String text = "Paris London New York";
        double[][] rows = {row(labels, "O", 0.9), row(labels, "B-PER", 0.9), row(labels, "I-MISC", 0.8),
            row(labels, "I-PER", 0.7), row(labels, "I-PER", 0.6), row(labels, "O", 0.9)};
        List<String> ignore = Arrays.asList("O", "MISC");
        assertThat(described(TokenSpans.aggregate(text, 0, tokenizer.encode(text), rows, labels, Aggregation.FIRST, ignore)))
                .containsExactly("PER 0-5 Paris", "PER 13-21 New York");
        assertThat(described(TokenSpans.aggregate(text, 0, tokenizer.encode(text), rows, labels, Aggregation.NONE, ignore)))
                .containsExactly("PER 0-5 Paris", "PER 13-16 New", "PER 17-21 York");
        // ignoring nothing, the MISC word is a span of its own
        assertThat(described(TokenSpans.aggregate(text, 0, tokenizer.encode(text), rows, labels, Aggregation.FIRST,
                List.of()))).containsExactly("PER 0-5 Paris", "MISC 6-12 London", "PER 13-21 New York");
    }

    @Test
    void flatRowsAndPaddedRowsGiveTheSameSpans() {
        Encoding e = tokenizer.encode(WOLFGANG);
        double[][] rows = wolfgangRows();
        List<double[]> padded = new ArrayList<>(Arrays.asList(rows));
        padded.add(row("B-PER", 1.0));   // a padding position of a batch
        double[] flat = new double[padded.size() * IOB.size()];
        for (int t = 0; t < padded.size(); t++) {
            System.arraycopy(padded.get(t), 0, flat, t * IOB.size(), IOB.size());
        }
        for (Aggregation a : Aggregation.values()) {
            List<Span> fromRows = TokenSpans.aggregate(WOLFGANG, e, rows, IOB, a);
            assertThat(TokenSpans.toJson(TokenSpans.aggregate(WOLFGANG, e, flat, IOB, a)))
                    .as(a.id()).isEqualTo(TokenSpans.toJson(fromRows));
            assertThat(TokenSpans.toJson(TokenSpans.aggregate(WOLFGANG, e, padded.toArray(new double[0][]), IOB, a)))
                    .isEqualTo(TokenSpans.toJson(fromRows));
        }
    }

    @Test
    void jsonShape() {
        List<Span> spans = TokenSpans.aggregate(WOLFGANG, tokenizer.encode(WOLFGANG), wolfgangRows(), IOB, Aggregation.FIRST);
        List<Map<String, Object>> json = TokenSpans.toJson(spans);
        assertThat(json.get(0)).containsOnlyKeys("entity", "score", "start", "end", "text");
        assertThat(json.get(0).keySet()).containsExactly("entity", "score", "start", "end", "text");
        assertThat(Json.writeCompact(json.get(0))).isEqualTo("{\"entity\":\"PER\",\"score\":0.9,\"start\":0,\"end\":8,\"text\":\"Wolfgang\"}");
        assertThat(Json.parse(Json.writeCompact(json))).isEqualTo(json);
    }

    @Test
    void aggregationNames() {
        for (Aggregation a : Aggregation.values()) {
            assertThat(Aggregation.fromId(a.id())).isEqualTo(a);
        }
        assertThat(Aggregation.fromId("average")).isEqualTo(Aggregation.AVERAGE);
        assertThatThrownBy(() -> Aggregation.fromId("mean")).hasMessageContaining("unknown aggregation \"mean\"");
    }

    @Test
    void badInputIsRefusedWithWhatWasExpected() {
        Encoding e = tokenizer.encode(WOLFGANG);
        assertThatThrownBy(() -> TokenSpans.aggregate(WOLFGANG, e, new double[3][5], IOB, Aggregation.FIRST))
                .hasMessageContaining("for each of the 8 tokens, found 3");
        assertThatThrownBy(() -> TokenSpans.aggregate(WOLFGANG, e, new double[8][4], IOB, Aggregation.FIRST))
                .hasMessageContaining("expected 5 probabilities");
        assertThatThrownBy(() -> TokenSpans.aggregate(WOLFGANG, e, new double[39], IOB, Aggregation.FIRST))
                .hasMessageContaining("expected 8 x 5");
        assertThatThrownBy(() -> TokenSpans.aggregate("Wolf", e, wolfgangRows(), IOB, Aggregation.FIRST))
                .hasMessageContaining("not of this text");
        assertThatThrownBy(() -> TokenSpans.aggregate(WOLFGANG, e, new double[0], List.of(), Aggregation.FIRST))
                .hasMessageContaining("at least one label");
    }
}
