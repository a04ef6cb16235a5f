package io.tandem.pipeline.text;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The tokenizer's only source of Unicode knowledge: the generated {@link UnicodeTableData},
 * decoded once into arrays. The platform's own tables ({@code Character}, {@code
 * java.text.Normalizer}, the browser's case mapping) are never consulted, because their Unicode
 * versions differ between the JDK, TeaVM and the reference tokenizer.
 *
 * <p>Immutable after construction, so one shared instance serves every tokenizer and thread.
 */
final class UnicodeTable {
    static final int REMOVE = UnicodeTableData.REMOVE;
    static final int WHITESPACE = UnicodeTableData.WHITESPACE;
    static final int CJK = UnicodeTableData.CJK;
    static final int NONSPACING_MARK = UnicodeTableData.NONSPACING_MARK;
    static final int PUNCTUATION = UnicodeTableData.PUNCTUATION;
    static final int HAS_DECOMPOSITION = UnicodeTableData.HAS_DECOMPOSITION;
    static final int HAS_LOWERCASE = UnicodeTableData.HAS_LOWERCASE;
    static final int CCC_SHIFT = UnicodeTableData.CCC_SHIFT;

    private static final int MAX_CP = 0x10FFFF;
    // Two-level lookup: blocks of 64 code points, identical blocks stored once.
    private static final int BLOCK_BITS = 6;
    private static final int BLOCK_SIZE = 1 << BLOCK_BITS;

    private static final UnicodeTable INSTANCE = new UnicodeTable();

    private final char[] blockIndex;
    private final char[] blocks;
    private final CodePointMap decompositions;
    private final CodePointMap lowercase;

    private UnicodeTable() {
        // Decode the runs straight into deduplicated blocks, never holding one value per code point.
        Digits runs = new Digits(UnicodeTableData.properties());
        int blockCount = (MAX_CP + 1) >> BLOCK_BITS;
        blockIndex = new char[blockCount];
        char[] store = new char[BLOCK_SIZE * 256];
        int stored = 0;
        HashMap<String, Integer> seen = new HashMap<>();
        HashMap<Integer, String> uniformKeys = new HashMap<>();
        char[] block = new char[BLOCK_SIZE];
        int runLeft = 0;
        int runValue = 0;
        for (int b = 0; b < blockCount; b++) {
            if (runLeft == 0) {
                runLeft = runs.next();
                runValue = runs.next();
            }
            String key;
            if (runLeft >= BLOCK_SIZE) {
                // Most blocks lie inside one run (unassigned, CJK, private use): no need to fill them.
                runLeft -= BLOCK_SIZE;
                Arrays.fill(block, (char) runValue);
                key = uniformKeys.get(runValue);
                if (key == null) {
                    key = new String(block);
                    uniformKeys.put(runValue, key);
                }
            } else {
                for (int i = 0; i < BLOCK_SIZE; i++) {
                    if (runLeft == 0) {
                        runLeft = runs.next();
                        runValue = runs.next();
                    }
                    block[i] = (char) runValue;
                    runLeft--;
                }
                key = new String(block);
            }
            Integer at = seen.get(key);
            if (at == null) {
                if ((stored + 1) * BLOCK_SIZE > store.length) {
                    store = Arrays.copyOf(store, store.length * 2);
                }
                System.arraycopy(block, 0, store, stored * BLOCK_SIZE, BLOCK_SIZE);
                at = stored++;
                seen.put(key, at);
            }
            blockIndex[b] = (char) at.intValue();
        }
        if (runLeft != 0 || runs.hasNext()) {
            throw new IllegalStateException("corrupt Unicode table: runs do not end at U+10FFFF");
        }
        blocks = Arrays.copyOf(store, stored * BLOCK_SIZE);
        decompositions = CodePointMap.decode(new Digits(UnicodeTableData.decompositions()));
        lowercase = CodePointMap.decode(new Digits(UnicodeTableData.lowercase()));
    }

    static UnicodeTable get() {
        return INSTANCE;
    }

    /** The property bits of a code point (see the constants); 0 outside U+0000..U+10FFFF. */
    int props(int cp) {
        if (cp < 0 || cp > MAX_CP) {
            return 0;
        }
        return blocks[(blockIndex[cp >> BLOCK_BITS] << BLOCK_BITS) | (cp & (BLOCK_SIZE - 1))];
    }

    /** Canonical decompositions (Unicode 9.0, full, already in canonical order; no Hangul). */
    CodePointMap decompositions() {
        return decompositions;
    }

    /** Lower-case mappings (Rust's char::to_lowercase, Unicode 16.0). */
    CodePointMap lowercase() {
        return lowercase;
    }

    /** Reads the generator's numbers: base-64 digits, 5 bits each, "more follows" in the low half. */
    static final class Digits {
        private static final int[] VALUE = new int[128];

        static {
            Arrays.fill(VALUE, -1);
            for (int i = 0; i < 64; i++) {
                VALUE[UnicodeTableData.ALPHABET.charAt(i)] = i;
            }
        }

        private final String[] chunks;
        private int chunk;
        private int pos;

        Digits(String[] chunks) {
            this.chunks = chunks;
        }

        boolean hasNext() {
            while (chunk < chunks.length && pos == chunks[chunk].length()) {
                chunk++;
                pos = 0;
            }
            return chunk < chunks.length;
        }

        int next() {
            int value = 0;
            while (true) {
                if (!hasNext()) {
                    throw new IllegalStateException("corrupt Unicode table: truncated");
                }
                int digit = VALUE[chunks[chunk].charAt(pos++)];
                value = (value << 5) | (digit & 31);
                if (digit >= 32) {
                    return value;
                }
            }
        }
    }
}
