package io.tandem.pipeline.text;

import java.util.Arrays;
import java.util.List;

/**
 * Finds special tokens ("[MASK]", "[CLS]", ...) literally in the raw text, as HuggingFace does for
 * added tokens that are not normalised: the leftmost match wins, and of the tokens matching there
 * the longest. The text between matches is normalised and tokenised on its own.
 */
final class SpecialTokenMatcher {
    private final String[] tokens;   // longest first, so the first match at a position is the longest
    private final int[] ids;
    private final boolean[] firstAscii = new boolean[128];
    private final boolean anyNonAsciiFirst;

    SpecialTokenMatcher(List<String> specialTokens, WordPieceVocab vocab) {
        int n = specialTokens.size();
        tokens = new String[n];
        ids = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> specialTokens.get(b).length() - specialTokens.get(a).length());
        boolean nonAscii = false;
        for (int i = 0; i < n; i++) {
            String token = specialTokens.get(order[i]);
            int id = vocab.id(token);
            if (id < 0) {
                throw new IllegalArgumentException("special token " + token + " is not in the vocabulary");
            }
            tokens[i] = token;
            ids[i] = id;
            char first = token.charAt(0);
            if (first < 128) {
                firstAscii[first] = true;
            } else {
                nonAscii = true;
            }
        }
        anyNonAsciiFirst = nonAscii;
    }

    /** Where the first special token starting in {@code [from, to)} starts, or -1. */
    int find(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < 128 ? firstAscii[c] : anyNonAsciiFirst) && tokenAt(text, i) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the longest special token starting at {@code at}, or -1. */
    int tokenAt(String text, int at) {
        for (int t = 0; t < tokens.length; t++) {
            if (text.startsWith(tokens[t], at)) {
                return t;
            }
        }
        return -1;
    }

    int length(int token) {
        return tokens[token].length();
    }

    int id(int token) {
        return ids[token];
    }
}
