package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * A growable UTF-16 buffer that the tokenizer reuses within one call instead of building strings.
 * Beside each char it keeps its source: the UTF-16 index in the original text of the char it came
 * from (both halves of a surrogate pair share one), which is how offsets survive normalisation.
 */
final class TextBuffer {
    private char[] chars;
    private int[] sources;
    private int length;

    TextBuffer(int capacity) {
        chars = new char[Math.max(16, capacity)];
        sources = new int[chars.length];
    }

    char[] chars() {
        return chars;
    }

    /** The source of the char at {@code index}: an index into the original text. */
    int source(int index) {
        return sources[index];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    void append(char c, int source) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
            sources = Arrays.copyOf(sources, chars.length);
        }
        chars[length] = c;
        sources[length++] = source;
    }

    void appendCodePoint(int cp, int source) {
        if (cp < 0x10000) {
            append((char) cp, source);
        } else {
            append((char) (0xD800 + ((cp - 0x10000) >>> 10)), source);
            append((char) (0xDC00 + ((cp - 0x10000) & 0x3FF)), source);
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
