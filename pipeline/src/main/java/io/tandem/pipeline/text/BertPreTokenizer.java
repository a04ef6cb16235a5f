package io.tandem.pipeline.text;

/**
 * HuggingFace's BertPreTokenizer over normalised text: whitespace separates words and is dropped;
 * each punctuation char (ASCII punctuation, or Unicode 8.0 category P*) is a word of its own.
 * Used as a cursor ({@link #next()}, then the word's bounds) so that no word becomes a string.
 */
final class BertPreTokenizer {
    private static final int SEPARATOR = UnicodeTable.WHITESPACE | UnicodeTable.PUNCTUATION;

    private final UnicodeTable table = UnicodeTable.get();
    private final char[] text;
    private final int end;
    private int pos;
    private int wordStart;
    private int wordEnd;
    private int wordCodePoints;

    BertPreTokenizer(TextBuffer text) {
        this.text = text.chars();
        this.end = text.length();
    }

    /** Moves to the next word; false when there is none. */
    boolean next() {
        while (pos < end) {
            int cp = codePointAt(pos);
            int len = cp >= 0x10000 ? 2 : 1;
            int p = table.props(cp);
            if ((p & UnicodeTable.WHITESPACE) != 0) {
                pos += len;
                continue;
            }
            wordStart = pos;
            pos += len;
            wordCodePoints = 1;
            if ((p & UnicodeTable.PUNCTUATION) == 0) {
                while (pos < end) {
                    cp = codePointAt(pos);
                    if ((table.props(cp) & SEPARATOR) != 0) {
                        break;
                    }
                    pos += cp >= 0x10000 ? 2 : 1;
                    wordCodePoints++;
                }
            }
            wordEnd = pos;
            return true;
        }
        return false;
    }

    int wordStart() {
        return wordStart;
    }

    int wordEnd() {
        return wordEnd;
    }

    /** The word's length in code points, which is what max_input_chars_per_word limits. */
    int wordCodePoints() {
        return wordCodePoints;
    }

    /** The normaliser writes only whole surrogate pairs, so a high surrogate has its low one. */
    private int codePointAt(int i) {
        char c = text[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end) {
            return 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
        }
        return c;
    }
}
