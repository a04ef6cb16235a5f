package io.tandem.pipeline.text;

import java.util.Arrays;

/** A growable UTF-16 buffer that the tokenizer reuses within one call instead of building strings. */
final class TextBuffer {
    private char[] chars;
    private int length;

    TextBuffer(int capacity) {
        chars = new char[Math.max(16, capacity)];
    }

    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    void append(char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length++] = c;
    }

    void appendCodePoint(int cp) {
        if (cp < 0x10000) {
            append((char) cp);
        } else {
            append((char) (0xD800 + ((cp - 0x10000) >>> 10)));
            append((char) (0xDC00 + ((cp - 0x10000) & 0x3FF)));
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
