package io.tandem.converter;

import io.tandem.converter.validate.Agreement;
import io.tandem.converter.validate.TextCorpus;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementTest {
    @Test
    void cosineOfHandPickedVectors() {
        assertThat(Agreement.cosine(new float[] {1, 0}, new float[] {0, 1})).isEqualTo(0.0);
        assertThat(Agreement.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.0, within(1e-12));
        assertThat(Agreement.cosine(new float[] {1, 1}, new float[] {1, 0})).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(Agreement.cosine(new float[] {0, 0}, new float[] {0, 0})).isEqualTo(1.0);
        assertThat(Agreement.cosine(new float[] {0, 0}, new float[] {1, 0})).isEqualTo(0.0);
    }

    @Test
    void medianArgmaxAndPessimisticRounding() {
        assertThat(Agreement.median(new double[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(Agreement.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Agreement.argmax(new float[] {0.1f, 0.7f, 0.2f})).isEqualTo(1);
        assertThat(Agreement.maxAbsDiff(new float[] {0.1f, 0.9f}, new float[] {0.3f, 0.7f})).isCloseTo(0.2, within(1e-6));
        assertThat(Agreement.floor(0.99129, 4)).isEqualTo(0.9912);
        assertThat(Agreement.round(0.99125, 2)).isEqualTo(0.99);
    }

    @Test
    void corpusIsLargeDistinctAndTheSameEveryTime() {
        List<String> corpus = TextCorpus.sentences();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500).isEqualTo(TextCorpus.sentences());
        assertThat(new HashSet<>(corpus)).hasSize(corpus.size());
        assertThat(corpus).contains("").anyMatch(s -> s.length() > 700); // past 128 tokens
        // Calibration never sees a test sentence.
        assertThat(TextCorpus.calibration(200)).hasSize(200).doesNotContainAnyElementsOf(corpus);
    }
}
