package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * The tokens of one encoding while it is built: per token its id, its span in the original text and
 * its word, interleaved in one growable int array as {@link Encoding} keeps them (no boxing, one
 * bounds check per token).
 */
final class TokenList {
    private static final int STRIDE = Encoding.STRIDE;

    private int[] data;
    private int size;

    TokenList(int capacity) {
        data = new int[Math.max(8, capacity) * STRIDE];
    }

    int size() {
        return size;
    }

    void add(int id, int start, int end, int word) {
        int at = size * STRIDE;
        if (at + STRIDE > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[at] = id;
        data[at + 1] = start;
        data[at + 2] = end;
        data[at + 3] = word;
        size++;
    }

    /** Drops everything from {@code newSize} on. */
    void truncate(int newSize) {
        if (newSize < size) {
            size = newSize;
        }
    }

    /** An encoding of the tokens, as they are; {@code unknownId} is counted. */
    Encoding toEncoding(int unknownId) {
        int unknown = 0;
        for (int at = 0, end = size * STRIDE; at < end; at += STRIDE) {
            if (data[at] == unknownId) {
                unknown++;
            }
        }
        return new Encoding(Arrays.copyOf(data, size * STRIDE), unknown);
    }
}
