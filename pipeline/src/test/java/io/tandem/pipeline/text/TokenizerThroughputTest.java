package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encoding speed on short sentences (the per-keystroke case), printed for the record. The bound
 * asserted is far below the goal of 50,000 sentences/s so that a busy build machine does not fail
 * it; what it catches is an accidental slowdown by an order of magnitude.
 */
class TokenizerThroughputTest {
    @Test
    void encodesShortSentencesQuickly() {
        BertTokenizer tokenizer = MiniLm.tokenizer();
        List<String> sentences = sentences(tokenizer.vocab(), 2000);
        long checksum = 0;
        long warmUp = System.nanoTime();
        while (System.nanoTime() - warmUp < 2_000_000_000L) { // let the JIT compile the hot loops
            for (String s : sentences) {
                checksum += tokenizer.encode(s).length();
            }
        }
        int encoded = 0;
        long tokens = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            for (String s : sentences) {
                tokens += tokenizer.encode(s).length();
            }
            encoded += sentences.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = encoded / seconds;
        System.out.printf("throughput: %.0f sentences/s, %.0f tokens/s (%d sentences, %.1f tokens each)%n",
                perSecond, tokens / seconds, encoded, (double) tokens / encoded);
        assertThat(checksum).isPositive();
        assertThat(perSecond).isGreaterThan(5_000);
    }

    /** Sentences of 5 to 15 words: vocabulary words, some capitalised or accented, with punctuation. */
    static List<String> sentences(WordPieceVocab vocab, int count) {
        List<String> words = new ArrayList<>();
        for (int id = 1000; id < vocab.size(); id++) {
            String t = vocab.token(id);
            if (!t.startsWith("##")) {
                words.add(t);
            }
        }
        String[] extra = {"Café", "naïve", "Hello", "World", "don't", "e-mail", "2024", "ÉTÉ"};
        Random r = new Random(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 5 + r.nextInt(11);
            for (int w = 0; w < n; w++) {
                sb.append(r.nextInt(8) == 0 ? extra[r.nextInt(extra.length)] : words.get(r.nextInt(words.size())));
                sb.append(r.nextInt(10) == 0 ? ", " : " ");
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }
}
