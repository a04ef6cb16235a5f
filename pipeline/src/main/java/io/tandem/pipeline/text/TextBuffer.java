package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * A growable UTF-16 buffer that the tokenizer reuses within one call instead of building strings.
 *
 * <p>Beside each char it keeps its source, the original char it came from (both halves of a
 * surrogate pair share one), which is how offsets survive normalisation. A source is packed into
 * one int: the char's UTF-16 index in the original text shifted left by one, or-ed with 1 where the
 * original char is a surrogate pair (read back unsigned, so any string index fits). While the
 * buffer is a char-for-char image of the text from {@link #clear(int) origin} on (plain text,
 * nothing dropped or expanded: the common case) the sources are implied and no array is written.
 */
final class TextBuffer {
    private char[] chars;
    private int length;
    private int origin;
    private boolean identity = true;
    private int[] sources; // only when not identity; kept for reuse

    TextBuffer(int capacity) {
        chars = new char[Math.max(16, capacity)];
    }

    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    /** Empties the buffer for text that starts at {@code origin} in the original. */
    void clear(int origin) {
        length = 0;
        this.origin = origin;
        identity = true;
    }

    /** Where the source of the char at {@code index} starts in the original text. */
    int sourceStart(int index) {
        return identity ? origin + index : sources[index] >>> 1;
    }

    /** Where the source of the char at {@code index} ends in the original text (exclusive). */
    int sourceEnd(int index) {
        if (identity) {
            return origin + index + 1;
        }
        int s = sources[index];
        return (s >>> 1) + 1 + (s & 1);
    }

    /** Appends one char whose source is {@code source}, packed as the class comment says. */
    void append(char c, int source) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        if (identity) {
            if (source == (origin + length) << 1) {
                chars[length++] = c;
                return;
            }
            materializeSources();
        }
        if (length >= sources.length) {
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

    private void materializeSources() {
        if (sources == null || sources.length < chars.length) {
            sources = new int[chars.length];
        }
        for (int k = 0; k < length; k++) {
            sources[k] = (origin + k) << 1;
        }
        identity = false;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
