package io.tandem.pipeline.text;

import java.util.Arrays;

/**
 * HuggingFace's BertNormalizer, in one streaming pass over the text: clean text (drop "other" chars,
 * NUL and U+FFFD, turn whitespace into ' '), put spaces around CJK ideographs, strip accents (NFD,
 * then drop non-spacing marks), lower-case. The reference runs these as four passes over the whole
 * string; streaming gives the same result because each step maps one char at a time, except NFD's
 * canonical reordering, which only moves marks within a run of non-starters and is done here on
 * such runs.
 *
 * <p>All Unicode facts come from {@link UnicodeTable}. A lone surrogate reads as U+FFFD, which is
 * what the reference sees once the text is converted to UTF-8. Stateless and thread-safe.
 *
 * <p>Alignment: every char written gets as its source one char of the original text (its index and
 * length, packed as {@link TextBuffer} keeps them),
 * following the reference's rule for each step. A char that maps to one or more chars (white space
 * to ' ', an ideograph to ' ', itself, ' ', a lower-case expansion, a Hangul syllable to its jamo)
 * gives them all its own index; a dropped char gives none. NFD's canonical reordering assigns by
 * position, as the reference's alignment-tracking NFD does: in output order, each char that begins
 * the decomposition of an input char takes the next input char's index, and each further char of a
 * decomposition takes the index last taken. Sources therefore never decrease along the output.
 */
final class BertNormalizer {
    private static final int HANGUL_FIRST = 0xAC00;
    private static final int HANGUL_COUNT = 11172;
    private static final int JAMO_L = 0x1100;
    private static final int JAMO_V = 0x1161;
    private static final int JAMO_T = 0x11A7;
    private static final int JAMO_V_COUNT = 21;
    private static final int JAMO_T_COUNT = 28;

    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;
    private final UnicodeTable table;
    /** For each ASCII char, what it becomes (-1: dropped); ASCII never decomposes nor reorders. */
    private final int[] ascii = new int[128];

    BertNormalizer(BertTokenizerConfig config) {
        this.cleanText = config.cleanText();
        this.handleChineseChars = config.handleChineseChars();
        this.stripAccents = config.stripAccents();
        this.lowercase = config.lowercase();
        this.table = UnicodeTable.get();
        for (int c = 0; c < 128; c++) {
            int p = table.props(c);
            if (cleanText && (p & UnicodeTable.REMOVE) != 0) {
                ascii[c] = -1;
            } else if (cleanText && (p & UnicodeTable.WHITESPACE) != 0) {
                ascii[c] = ' ';
            } else if (lowercase && (p & UnicodeTable.HAS_LOWERCASE) != 0) {
                CodePointMap lower = table.lowercase();
                ascii[c] = lower.value(lower.start(lower.find(c)));
            } else {
                ascii[c] = c;
            }
        }
    }

    /** Appends the normalised form of {@code text[from, to)} to {@code out}. */
    void normalize(String text, int from, int to, TextBuffer out) {
        Pass pass = null; // created at the first non-ASCII char: plain ASCII needs none of it
        int i = from;
        while (i < to) {
            int source = i << 1; // see TextBuffer: the index, and whether a surrogate pair is there
            char c = text.charAt(i++);
            if (c < 0x80) {
                int a = ascii[c];
                if (a >= 0) {
                    if (pass != null) {
                        pass.flushMarks();
                        pass.last = source;
                    }
                    out.append((char) a, source);
                }
                continue;
            }
            int cp = c;
            if (c >= 0xD800 && c <= 0xDFFF) {
                char next = i < to ? text.charAt(i) : 0;
                if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
                    cp = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
                    i++;
                    source |= 1;
                } else {
                    cp = 0xFFFD;
                }
            }
            if (pass == null) {
                pass = new Pass(out);
            }
            pass.accept(cp, source);
        }
        if (pass != null) {
            pass.flushMarks();
        }
    }

    /** The state of one call: where output goes and the pending run of non-starters. */
    private final class Pass {
        private final TextBuffer out;
        private int[] marks = new int[4];     // code points of the run, in canonical order so far
        private int[] markProps = new int[4];
        private boolean[] markFirst = new boolean[4]; // begins the decomposition of an input char
        private int markCount;
        private int[] runSources = new int[4]; // sources of the run's input chars, in input order
        private int runSourceCount;
        /** The source last taken by a char that begins a decomposition (see the class comment). */
        int last;

        Pass(TextBuffer out) {
            this.out = out;
        }

        void accept(int cp, int source) {
            int p = table.props(cp);
            if (cleanText) {
                if ((p & UnicodeTable.REMOVE) != 0) {
                    return;
                }
                if ((p & UnicodeTable.WHITESPACE) != 0) {
                    flushMarks();
                    last = source;
                    out.append(' ', source);
                    return;
                }
            }
            if (handleChineseChars && (p & UnicodeTable.CJK) != 0) {
                flushMarks();
                last = source;
                out.append(' ', source);
                decompose(cp, p, source);
                flushMarks();
                last = source;
                out.append(' ', source);
                return;
            }
            decompose(cp, p, source);
        }

        private void decompose(int cp, int p, int source) {
            if (!stripAccents) {
                last = source;
                emit(cp, p, source);
                return;
            }
            int s = cp - HANGUL_FIRST;
            if (s >= 0 && s < HANGUL_COUNT) {
                // Hangul syllables decompose by arithmetic into conjoining jamo (all starters).
                flushMarks();
                last = source;
                out.append((char) (JAMO_L + s / (JAMO_V_COUNT * JAMO_T_COUNT)), source);
                out.append((char) (JAMO_V + (s % (JAMO_V_COUNT * JAMO_T_COUNT)) / JAMO_T_COUNT), source);
                if (s % JAMO_T_COUNT != 0) {
                    out.append((char) (JAMO_T + s % JAMO_T_COUNT), source);
                }
                return;
            }
            if ((p & UnicodeTable.HAS_DECOMPOSITION) != 0) {
                CodePointMap map = table.decompositions();
                int entry = map.find(cp);
                for (int j = map.start(entry), end = map.end(entry); j < end; j++) {
                    int d = map.value(j);
                    ordered(d, table.props(d), j == map.start(entry), source);
                }
            } else {
                ordered(cp, p, true, source);
            }
        }

        /**
         * Canonical ordering: a starter ends the run; a non-starter joins it, stably by class.
         * {@code first}: cp begins the decomposition of the input char at {@code source}.
         */
        private void ordered(int cp, int p, boolean first, int source) {
            int rank = p >>> UnicodeTable.CCC_SHIFT;
            if (rank == 0) {
                flushMarks();
                if (first) {
                    last = source;
                }
                stripped(cp, p, last);
                return;
            }
            if (markCount == marks.length) {
                marks = Arrays.copyOf(marks, markCount * 2);
                markProps = Arrays.copyOf(markProps, markCount * 2);
                markFirst = Arrays.copyOf(markFirst, markCount * 2);
            }
            if (first) {
                if (runSourceCount == runSources.length) {
                    runSources = Arrays.copyOf(runSources, runSourceCount * 2);
                }
                runSources[runSourceCount++] = source;
            }
            int at = markCount;
            while (at > 0 && (markProps[at - 1] >>> UnicodeTable.CCC_SHIFT) > rank) {
                marks[at] = marks[at - 1];
                markProps[at] = markProps[at - 1];
                markFirst[at] = markFirst[at - 1];
                at--;
            }
            marks[at] = cp;
            markProps[at] = p;
            markFirst[at] = first;
            markCount++;
        }

        void flushMarks() {
            int taken = 0;
            for (int k = 0; k < markCount; k++) {
                if (markFirst[k]) {
                    last = runSources[taken++];
                }
                stripped(marks[k], markProps[k], last);
            }
            markCount = 0;
            runSourceCount = 0;
        }

        /** After NFD: non-spacing marks go, the rest is lower-cased. */
        private void stripped(int cp, int p, int source) {
            if ((p & UnicodeTable.NONSPACING_MARK) == 0) {
                emit(cp, p, source);
            }
        }

        private void emit(int cp, int p, int source) {
            if (lowercase && (p & UnicodeTable.HAS_LOWERCASE) != 0) {
                CodePointMap map = table.lowercase();
                int entry = map.find(cp);
                for (int j = map.start(entry), end = map.end(entry); j < end; j++) {
                    out.appendCodePoint(map.value(j), source);
                }
            } else {
                out.appendCodePoint(cp, source);
            }
        }
    }
}
