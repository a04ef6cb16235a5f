package io.tandem.pipeline.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A WordPiece vocabulary: token ↔ id, where a token's id is its line in vocab.txt.
 *
 * <p>Besides lookup by {@code String}, it finds a token given as a slice of a char buffer, optionally
 * behind a prefix ("##"), without building a string: the tokenizer tries many candidate pieces per
 * word and must not allocate for each. Both lookups share one open-addressing table and one hash
 * function, computed here rather than by {@code String.hashCode} so that nothing depends on the
 * platform's string class. Immutable.
 */
public final class WordPieceVocab {
    private final String[] tokens;
    private final char[] pool;      // all tokens' chars, token i at pool[offsets[i] .. offsets[i + 1])
    private final int[] offsets;
    private final int[] slotIds;    // id + 1, or 0 for an empty slot
    private final int[] slotHashes;
    private final int mask;
    private final int maxTokenLength;

    private WordPieceVocab(String[] tokens) {
        this.tokens = tokens;
        int chars = 0;
        int longest = 0;
        for (String t : tokens) {
            if (t == null) {
                throw new IllegalArgumentException("vocabulary has no token for id " + indexOfNull(tokens));
            }
            chars += t.length();
            longest = Math.max(longest, t.length());
        }
        maxTokenLength = longest;
        pool = new char[chars];
        offsets = new int[tokens.length + 1];
        int at = 0;
        for (int i = 0; i < tokens.length; i++) {
            offsets[i] = at;
            tokens[i].getChars(0, tokens[i].length(), pool, at);
            at += tokens[i].length();
        }
        offsets[tokens.length] = at;
        int capacity = 16;
        while (capacity < tokens.length * 2) {
            capacity <<= 1;
        }
        mask = capacity - 1;
        slotIds = new int[capacity];
        slotHashes = new int[capacity];
        for (int id = 0; id < tokens.length; id++) {
            insert(id);
        }
    }

    /**
     * Reads vocab.txt: one token per line, id = line index. Like HuggingFace's reader, a line loses
     * its trailing whitespace (and "\r"), a final newline adds no token, and a token listed twice
     * looks up to its last id.
     */
    public static WordPieceVocab fromLines(String vocabTxt) {
        List<String> lines = new ArrayList<>();
        UnicodeTable table = UnicodeTable.get();
        int start = 0;
        int n = vocabTxt.length();
        while (start < n) {
            int end = vocabTxt.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int trimmed = end;
            while (trimmed > start && (table.props(vocabTxt.charAt(trimmed - 1)) & UnicodeTable.WHITESPACE) != 0) {
                trimmed--;
            }
            lines.add(vocabTxt.substring(start, trimmed));
            start = end + 1;
        }
        return of(lines);
    }

    /** A vocabulary whose token for id i is {@code tokensById.get(i)}. */
    public static WordPieceVocab of(List<String> tokensById) {
        return new WordPieceVocab(tokensById.toArray(new String[0]));
    }

    public int size() {
        return tokens.length;
    }

    /** The id of a token, or -1. */
    public int id(String token) {
        int len = token.length();
        int hash = hash(token);
        for (int slot = spread(hash) & mask; slotIds[slot] != 0; slot = (slot + 1) & mask) {
            int id = slotIds[slot] - 1;
            if (slotHashes[slot] == hash && offsets[id + 1] - offsets[id] == len && token.equals(tokens[id])) {
                return id;
            }
        }
        return -1;
    }

    public boolean contains(String token) {
        return id(token) >= 0;
    }

    public String token(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("no token with id " + id + " (vocabulary size " + tokens.length + ")");
        }
        return tokens[id];
    }

    /** The vocabulary as vocab.txt text: one token per line, in id order. */
    public String toLines() {
        StringBuilder sb = new StringBuilder(pool.length + tokens.length);
        for (String t : tokens) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    /** Length in chars of the longest token: no longer candidate can match. */
    int maxTokenLength() {
        return maxTokenLength;
    }

    /** One step of the hash: the hash of s + c from the hash of s (the empty string hashes to 0). */
    static int hashStep(int hash, char c) {
        return 31 * hash + c;
    }

    static int hash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = hashStep(h, s.charAt(i));
        }
        return h;
    }

    /**
     * The id of the token {@code prefix + buf[from, to)}, or -1; {@code hash} must be that string's
     * {@link #hash}.
     */
    int find(int hash, char[] prefix, char[] buf, int from, int to) {
        int len = prefix.length + to - from;
        for (int slot = spread(hash) & mask; slotIds[slot] != 0; slot = (slot + 1) & mask) {
            if (slotHashes[slot] != hash) {
                continue;
            }
            int id = slotIds[slot] - 1;
            int at = offsets[id];
            if (offsets[id + 1] - at != len || !matches(at, prefix, buf, from, to)) {
                continue;
            }
            return id;
        }
        return -1;
    }

    private boolean matches(int at, char[] prefix, char[] buf, int from, int to) {
        for (char c : prefix) {
            if (pool[at++] != c) {
                return false;
            }
        }
        for (int i = from; i < to; i++) {
            if (pool[at++] != buf[i]) {
                return false;
            }
        }
        return true;
    }

    private void insert(int id) {
        String token = tokens[id];
        int hash = hash(token);
        int slot = spread(hash) & mask;
        while (slotIds[slot] != 0) {
            int other = slotIds[slot] - 1;
            if (slotHashes[slot] == hash && tokens[other].equals(token)) {
                break; // a repeated token: the later id wins, as in HuggingFace's map
            }
            slot = (slot + 1) & mask;
        }
        slotIds[slot] = id + 1;
        slotHashes[slot] = hash;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static int indexOfNull(String[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == null) {
                return i;
            }
        }
        return -1;
    }
}
