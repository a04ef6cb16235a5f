package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.text.Encoding;

/**
 * What a text preprocessor keeps for its postprocessor: the caller's text and its encoding, whose
 * offsets count from the start of the prefixed text (the prefix's characters come before the
 * caller's own).
 */
public final class TokenizedText {
    private final String text;
    private final String prefix;
    private final Encoding encoding;

    TokenizedText(String text, String prefix, Encoding encoding) {
        this.text = text;
        this.prefix = prefix;
        this.encoding = encoding;
    }

    public String text() {
        return text;
    }

    /** What the preprocessing put before the caller's text ("" when nothing). */
    public String prefix() {
        return prefix;
    }

    public int prefixLength() {
        return prefix.length();
    }

    public Encoding encoding() {
        return encoding;
    }
}
