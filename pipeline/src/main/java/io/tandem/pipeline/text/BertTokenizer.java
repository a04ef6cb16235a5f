package io.tandem.pipeline.text;

/**
 * A BERT WordPiece tokenizer that gives the same ids as HuggingFace tokenizers (BertNormalizer,
 * BertPreTokenizer, WordPiece, [CLS] A [SEP], right truncation), on the JVM and under TeaVM alike.
 *
 * <p>{@link #encode} runs, per stretch of text between literal special tokens: normalise
 * ({@link BertNormalizer}), split into words ({@link BertPreTokenizer}), split words into pieces
 * ({@link WordPiece}). It works through the text in chunks and stops as soon as the maximum length
 * is reached, so a long text costs no more than its first few hundred words. Immutable and
 * thread-safe.
 *
 * <p>Offsets: the normaliser records for each char it writes the index of the original char it came
 * from (see {@link BertNormalizer}); a piece covering normalised chars {@code [a, b)} gets the
 * original span from the start of a's source char to the end of (b - 1)'s source char, as
 * HuggingFace's alignments give it, but in UTF-16 units of the Java string. A literal special token
 * gets its own span. Word ids count the pre-tokenized words and literal special tokens in order.
 */
public final class BertTokenizer {
    private static final int CHUNK = 256;

    private final WordPieceVocab vocab;
    private final BertTokenizerConfig config;
    private final int clsId;
    private final int sepId;
    private final int unkId;
    private final BertNormalizer normalizer;
    private final SpecialTokenMatcher specials;
    private final WordPiece wordPiece;

    /** Throws {@link IllegalArgumentException} when a token the config names is not in the vocabulary. */
    public BertTokenizer(WordPieceVocab vocab, BertTokenizerConfig config) {
        this.vocab = vocab;
        this.config = config;
        this.clsId = requireId(vocab, config.clsToken(), "clsToken");
        this.sepId = requireId(vocab, config.sepToken(), "sepToken");
        this.unkId = requireId(vocab, config.unkToken(), "unkToken");
        this.normalizer = new BertNormalizer(config);
        this.specials = new SpecialTokenMatcher(config.specialTokens(), vocab);
        this.wordPiece = new WordPiece(vocab, config.continuingSubwordPrefix(), unkId, config.maxInputCharsPerWord());
    }

    /**
     * Where to stop the current chunk: at the first raw ASCII space, tab or newline (or, when CJK
     * ideographs are split, BMP ideograph) at least {@link #CHUNK} chars on, else the end. Such a
     * char always separates words and ends a run of combining marks, so chunks tokenise exactly
     * like the whole text, and a long text is read only as far as its first maxLength tokens need.
     */
    private int chunkEnd(String text, int from) {
        UnicodeTable table = UnicodeTable.get();
        boolean cjk = config.handleChineseChars();
        for (int i = from + CHUNK, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r'
                    || (cjk && c >= 0x3400 && (table.props(c) & UnicodeTable.CJK) != 0)) {
                return i;
            }
        }
        return text.length();
    }

    private static int requireId(WordPieceVocab vocab, String token, String what) {
        int id = vocab.id(token);
        if (id < 0) {
            throw new IllegalArgumentException(what + " " + token + " is not in the vocabulary");
        }
        return id;
    }

    public WordPieceVocab vocab() {
        return vocab;
    }

    public BertTokenizerConfig config() {
        return config;
    }

    /** Encodes one text: [CLS], its pieces (at most maxLength - 2), [SEP]. */
    public Encoding encode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        int limit = config.maxLength() - 1; // [CLS] and the pieces; [SEP] comes last
        TokenList pieces = new TokenList(Math.min(limit, text.length() / 3 + 4) + 1);
        pieces.add(clsId, 0, 0, -1);
        int word = 0;
        TextBuffer normalized = new TextBuffer(Math.min(text.length(), CHUNK * 2) + 16);
        int[] scratch = wordPiece.newScratch();
        int pos = 0;
        int n = text.length();
        while (pos < n && pieces.size() < limit) {
            int chunkEnd = chunkEnd(text, pos);
            int special = specials.find(text, pos, chunkEnd);
            int stretchEnd = special < 0 ? chunkEnd : special;
            if (stretchEnd > pos) {
                normalized.clear(pos);
                normalizer.normalize(text, pos, stretchEnd, normalized);
                BertPreTokenizer words = new BertPreTokenizer(normalized);
                while (pieces.size() < limit && words.next()) {
                    wordPiece.tokenize(normalized, words.wordStart(), words.wordEnd(), words.wordCodePoints(),
                            word++, pieces, scratch);
                }
            }
            if (special < 0) {
                pos = chunkEnd;
            } else {
                int token = specials.tokenAt(text, special);
                pos = special + specials.length(token);
                pieces.add(specials.id(token), special, pos, word++);
            }
        }
        pieces.truncate(limit);
        pieces.add(sepId, 0, 0, -1);
        return pieces.toEncoding(unkId);
    }
}
