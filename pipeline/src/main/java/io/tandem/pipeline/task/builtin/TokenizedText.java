package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.text.Encoding;

/**
 * What a text preprocessor keeps for its postprocessor: the caller's text and its encoding, whose
 * offsets count from the start of the prefixed text ({@code prefixLength} characters before the
 * caller's own).
 */
public final class TokenizedText {
    private final String text;
    private final int prefixLength;
    private final Encoding encoding;

    TokenizedText(String text, int prefixLength, Encoding encoding) {
        this.text = text;
        this.prefixLength = prefixLength;
        this.encoding = encoding;
    }

    public String text() {
        return text;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public Encoding encoding() {
        return encoding;
    }
}
