package io.tandem.pipeline.text;

/**
 * HuggingFace's WordPiece model: a word becomes its greedy longest-match pieces, the first as is
 * and the rest behind the continuing-subword prefix ("##"). A word with a part that no piece covers,
 * or longer than max_input_chars_per_word code points, becomes the single unknown token.
 *
 * <p>Candidates are looked up as slices of the normalised buffer; for each start the hashes of all
 * candidate lengths are computed in one forward sweep, then tried from the longest.
 */
final class WordPiece {
    private static final char[] NO_PREFIX = new char[0];

    private final WordPieceVocab vocab;
    private final char[] prefix;
    private final int prefixHash;
    private final int unkId;
    private final int maxInputCharsPerWord;

    WordPiece(WordPieceVocab vocab, String prefix, int unkId, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.prefix = prefix.toCharArray();
        this.prefixHash = WordPieceVocab.hash(prefix);
        this.unkId = unkId;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    /** Scratch space that {@link #tokenize} needs; one per call of the tokenizer. */
    int[] newScratch() {
        return new int[vocab.maxTokenLength() + 1];
    }

    /**
     * Appends the pieces of the word {@code text[start, end)} to {@code out}, each with the span of
     * the original text its chars came from (the whole word's for the unknown token) and the word
     * index {@code word}.
     */
    void tokenize(TextBuffer text, int start, int end, int codePoints, int word, TokenList out, int[] hashes) {
        if (codePoints > maxInputCharsPerWord) {
            out.add(unkId, text.sourceStart(start), text.sourceEnd(end - 1), word);
            return;
        }
        char[] buf = text.chars();
        int mark = out.size();
        int maxLength = vocab.maxTokenLength();
        int pos = start;
        while (pos < end) {
            boolean first = pos == start;
            char[] piecePrefix = first ? NO_PREFIX : prefix;
            int hash = first ? 0 : prefixHash;
            int limit = Math.min(end, pos + maxLength - piecePrefix.length);
            for (int k = pos; k < limit; k++) {
                hash = WordPieceVocab.hashStep(hash, buf[k]);
                hashes[k - pos] = hash;
            }
            int id = -1;
            int stop = limit;
            for (; stop > pos; stop--) {
                if (stop < end && isLowSurrogate(buf[stop]) && isHighSurrogate(buf[stop - 1])) {
                    continue; // a piece never ends inside a code point
                }
                id = vocab.find(hashes[stop - pos - 1], piecePrefix, buf, pos, stop);
                if (id >= 0) {
                    break;
                }
            }
            if (id < 0) {
                out.truncate(mark);
                out.add(unkId, text.sourceStart(start), text.sourceEnd(end - 1), word);
                return;
            }
            out.add(id, text.sourceStart(pos), text.sourceEnd(stop - 1), word);
            pos = stop;
        }
    }

    private static boolean isHighSurrogate(char c) {
        return c >= 0xD800 && c <= 0xDBFF;
    }

    private static boolean isLowSurrogate(char c) {
        return c >= 0xDC00 && c <= 0xDFFF;
    }
}
