package io.tandem.client;

import io.tandem.pipeline.task.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TandemExceptionTest {
    @Test
    void codesByKind() {
        assertThat(TandemException.codeOf(new TandemException("not_found", "x", 404))).isEqualTo("not_found");
        assertThat(TandemException.codeOf(new InvalidInputException("x"))).isEqualTo("invalid_input");
        assertThat(TandemException.codeOf(new IllegalArgumentException("x"))).isEqualTo("invalid_argument");
        assertThat(TandemException.codeOf(new IllegalStateException("x"))).isEqualTo("internal");
    }

    @Test
    void messageFallsBackToTheKind() {
        assertThat(TandemException.messageOf(new IllegalStateException("broken"))).isEqualTo("broken");
        assertThat(TandemException.messageOf(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void keepsTheHttpStatus() {
        assertThat(new TandemException("invalid_input", "bad", 400).status()).isEqualTo(400);
        assertThat(new TandemException("runtime", "bad").status()).isZero();
    }
}
