package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * An immutable map from code point to a short sequence of code points (a decomposition or a
 * lower-case mapping), kept as sorted parallel int arrays: no boxing, and binary search is cheap
 * because the caller asks only for code points whose property bits say they have an entry.
 */
final class CodePointMap {
    private final int[] keys;
    private final int[] starts; // entry i maps to values[starts[i] .. starts[i + 1])
    private final int[] values;

    private CodePointMap(int[] keys, int[] starts, int[] values) {
        this.keys = keys;
        this.starts = starts;
        this.values = values;
    }

    /** Reads the generator's format: count, then per entry key delta, length, zig-zag targets. */
    static CodePointMap decode(UnicodeTable.Digits in) {
        int count = in.next();
        int[] keys = new int[count];
        int[] starts = new int[count + 1];
        int[] values = new int[count * 2];
        int key = 0;
        int used = 0;
        for (int i = 0; i < count; i++) {
            key += in.next();
            keys[i] = key;
            starts[i] = used;
            int length = in.next();
            if (used + length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, used + length));
            }
            for (int j = 0; j < length; j++) {
                int zigzag = in.next();
                values[used++] = key + ((zigzag >>> 1) ^ -(zigzag & 1));
            }
        }
        starts[count] = used;
        if (in.hasNext()) {
            throw new IllegalStateException("corrupt Unicode table: trailing mapping data");
        }
        return new CodePointMap(keys, starts, Arrays.copyOf(values, used));
    }

    /** The entry index of a code point, or -1 when it has no mapping. */
    int find(int cp) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = keys[mid];
            if (k < cp) {
                lo = mid + 1;
            } else if (k > cp) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    int start(int entry) {
        return starts[entry];
    }

    int end(int entry) {
        return starts[entry + 1];
    }

    int value(int index) {
        return values[index];
    }

    int size() {
        return keys.length;
    }
}
