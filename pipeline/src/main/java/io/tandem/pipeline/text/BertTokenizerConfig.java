package io.tandem.pipeline.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How a {@link BertTokenizer} normalises, splits and frames text: the settings of HuggingFace's
 * BertNormalizer, WordPiece model, [CLS]/[SEP] post-processor and right truncation. Immutable; the
 * defaults are BERT uncased ({@code bert-base-uncased}, 512 tokens).
 */
public final class BertTokenizerConfig {
    /** BERT's position-embedding limit: the default when a tokenizer.json sets no truncation. */
    public static final int DEFAULT_MAX_LENGTH = 512;

    private static final BertTokenizerConfig BERT_UNCASED = builder().build();

    private final boolean lowercase;
    private final boolean stripAccents;
    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final int maxLength;
    private final String unkToken;
    private final String clsToken;
    private final String sepToken;
    private final String padToken;
    private final String continuingSubwordPrefix;
    private final int maxInputCharsPerWord;
    private final List<String> specialTokens;

    private BertTokenizerConfig(Builder b) {
        if (b.maxLength < 2) {
            throw new IllegalArgumentException("maxLength must leave room for [CLS] and [SEP]: " + b.maxLength);
        }
        if (b.maxInputCharsPerWord < 1) {
            throw new IllegalArgumentException("maxInputCharsPerWord must be at least 1: " + b.maxInputCharsPerWord);
        }
        requireToken("unkToken", b.unkToken);
        requireToken("clsToken", b.clsToken);
        requireToken("sepToken", b.sepToken);
        requireToken("padToken", b.padToken);
        if (b.continuingSubwordPrefix == null) {
            throw new IllegalArgumentException("continuingSubwordPrefix must not be null");
        }
        for (String s : b.specialTokens) {
            requireToken("special token", s);
        }
        this.lowercase = b.lowercase;
        this.stripAccents = b.stripAccents;
        this.cleanText = b.cleanText;
        this.handleChineseChars = b.handleChineseChars;
        this.maxLength = b.maxLength;
        this.unkToken = b.unkToken;
        this.clsToken = b.clsToken;
        this.sepToken = b.sepToken;
        this.padToken = b.padToken;
        this.continuingSubwordPrefix = b.continuingSubwordPrefix;
        this.maxInputCharsPerWord = b.maxInputCharsPerWord;
        this.specialTokens = Collections.unmodifiableList(new ArrayList<>(b.specialTokens));
    }

    private static void requireToken(String what, String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
    }

    /** BERT uncased: lower-case, strip accents, clean text, split CJK, 512 tokens, [UNK] [CLS] [SEP]. */
    public static BertTokenizerConfig bertUncased() {
        return BERT_UNCASED;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.lowercase = lowercase;
        b.stripAccents = stripAccents;
        b.cleanText = cleanText;
        b.handleChineseChars = handleChineseChars;
        b.maxLength = maxLength;
        b.unkToken = unkToken;
        b.clsToken = clsToken;
        b.sepToken = sepToken;
        b.padToken = padToken;
        b.continuingSubwordPrefix = continuingSubwordPrefix;
        b.maxInputCharsPerWord = maxInputCharsPerWord;
        b.specialTokens = new ArrayList<>(specialTokens);
        return b;
    }

    /** Lower-case every char (Unicode 16.0 simple mappings, plus U+0130 to "i̇"). */
    public boolean lowercase() {
        return lowercase;
    }

    /** Decompose (NFD) and drop non-spacing marks: "café" becomes "cafe". */
    public boolean stripAccents() {
        return stripAccents;
    }

    /** Drop control, format and private-use chars, NUL and U+FFFD; turn whitespace into spaces. */
    public boolean cleanText() {
        return cleanText;
    }

    /** Put spaces around CJK ideographs so that each becomes a word of its own. */
    public boolean handleChineseChars() {
        return handleChineseChars;
    }

    /** Most ids an encoding holds, [CLS] and [SEP] included; longer text is cut at the end. */
    public int maxLength() {
        return maxLength;
    }

    public String unkToken() {
        return unkToken;
    }

    public String clsToken() {
        return clsToken;
    }

    public String sepToken() {
        return sepToken;
    }

    /** Not used by encoding (which never pads) but kept for whoever pads a batch. */
    public String padToken() {
        return padToken;
    }

    /** Marks a word piece that continues a word ("##"). */
    public String continuingSubwordPrefix() {
        return continuingSubwordPrefix;
    }

    /** Longer words (in code points, after normalisation) become one unknown token. */
    public int maxInputCharsPerWord() {
        return maxInputCharsPerWord;
    }

    /**
     * Tokens matched literally in the raw text, before normalisation, and encoded as their own id:
     * "hello [MASK]" keeps [MASK] whole.
     */
    public List<String> specialTokens() {
        return specialTokens;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BertTokenizerConfig)) {
            return false;
        }
        BertTokenizerConfig c = (BertTokenizerConfig) o;
        return lowercase == c.lowercase && stripAccents == c.stripAccents && cleanText == c.cleanText
                && handleChineseChars == c.handleChineseChars && maxLength == c.maxLength
                && unkToken.equals(c.unkToken) && clsToken.equals(c.clsToken) && sepToken.equals(c.sepToken)
                && padToken.equals(c.padToken) && continuingSubwordPrefix.equals(c.continuingSubwordPrefix)
                && maxInputCharsPerWord == c.maxInputCharsPerWord && specialTokens.equals(c.specialTokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {lowercase, stripAccents, cleanText, handleChineseChars, maxLength,
            unkToken, clsToken, sepToken, padToken, continuingSubwordPrefix, maxInputCharsPerWord, specialTokens});
    }

    @Override
    public String toString() {
        return "BertTokenizerConfig{lowercase=" + lowercase + ", stripAccents=" + stripAccents
                + ", cleanText=" + cleanText + ", handleChineseChars=" + handleChineseChars
                + ", maxLength=" + maxLength + ", unk=" + unkToken + ", cls=" + clsToken + ", sep=" + sepToken
                + ", pad=" + padToken + ", prefix=" + continuingSubwordPrefix
                + ", maxInputCharsPerWord=" + maxInputCharsPerWord + ", specialTokens=" + specialTokens + "}";
    }

    /** Mutable builder, starting from the BERT uncased defaults. */
    public static final class Builder {
        private boolean lowercase = true;
        private boolean stripAccents = true;
        private boolean cleanText = true;
        private boolean handleChineseChars = true;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private String unkToken = "[UNK]";
        private String clsToken = "[CLS]";
        private String sepToken = "[SEP]";
        private String padToken = "[PAD]";
        private String continuingSubwordPrefix = "##";
        private int maxInputCharsPerWord = 100;
        private List<String> specialTokens = new ArrayList<>(Arrays.asList("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));

        private Builder() {
        }

        public Builder lowercase(boolean value) {
            lowercase = value;
            return this;
        }

        public Builder stripAccents(boolean value) {
            stripAccents = value;
            return this;
        }

        public Builder cleanText(boolean value) {
            cleanText = value;
            return this;
        }

        public Builder handleChineseChars(boolean value) {
            handleChineseChars = value;
            return this;
        }

        public Builder maxLength(int value) {
            maxLength = value;
            return this;
        }

        public Builder unkToken(String value) {
            unkToken = value;
            return this;
        }

        public Builder clsToken(String value) {
            clsToken = value;
            return this;
        }

        public Builder sepToken(String value) {
            sepToken = value;
            return this;
        }

        public Builder padToken(String value) {
            padToken = value;
            return this;
        }

        public Builder continuingSubwordPrefix(String value) {
            continuingSubwordPrefix = value;
            return this;
        }

        public Builder maxInputCharsPerWord(int value) {
            maxInputCharsPerWord = value;
            return this;
        }

        public Builder specialTokens(List<String> value) {
            specialTokens = new ArrayList<>(value);
            return this;
        }

        public BertTokenizerConfig build() {
            return new BertTokenizerConfig(this);
        }
    }
}
