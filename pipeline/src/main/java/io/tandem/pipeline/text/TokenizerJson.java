package io.tandem.pipeline.text;

import io.tandem.pipeline.json.JsonException;
import io.tandem.pipeline.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a HuggingFace tokenizer.json of the BERT kind (BertNormalizer, BertPreTokenizer, WordPiece,
 * a [CLS] A [SEP] post-processor) into a vocabulary and a {@link BertTokenizerConfig}.
 *
 * <p>Anything {@link BertTokenizer} would not reproduce exactly is refused with an {@link
 * IllegalArgumentException} that names it, rather than tokenised differently from the reference:
 * another normaliser, pre-tokeniser, model or post-processor, left truncation, or an added token
 * that is normalised or strips spaces. Padding settings are ignored: encodings are never padded.
 */
public final class TokenizerJson {
    private final WordPieceVocab vocab;
    private final BertTokenizerConfig config;

    private TokenizerJson(WordPieceVocab vocab, BertTokenizerConfig config) {
        this.vocab = vocab;
        this.config = config;
    }

    public static TokenizerJson read(String tokenizerJsonText) {
        JsonObject root;
        try {
            root = JsonObject.parse(tokenizerJsonText, "tokenizer.json");
        } catch (JsonException e) {
            throw new IllegalArgumentException("tokenizer.json is not a JSON object: " + e.getMessage(), e);
        }
        BertTokenizerConfig.Builder b = BertTokenizerConfig.builder();

        JsonObject model = section(root, "model", "WordPiece");
        WordPieceVocab vocab = readVocab(model.object("vocab"));
        b.unkToken(model.string("unk_token", "[UNK]"));
        b.continuingSubwordPrefix(model.string("continuing_subword_prefix", "##"));
        b.maxInputCharsPerWord((int) model.integer("max_input_chars_per_word", 100));

        JsonObject normalizer = section(root, "normalizer", "BertNormalizer");
        boolean lowercase = normalizer.bool("lowercase", true);
        b.lowercase(lowercase);
        // strip_accents null (the usual) means "do what lowercase does".
        b.stripAccents(normalizer.bool("strip_accents", lowercase));
        b.cleanText(normalizer.bool("clean_text", true));
        b.handleChineseChars(normalizer.bool("handle_chinese_chars", true));

        section(root, "pre_tokenizer", "BertPreTokenizer");
        readPostProcessor(root, b);
        readTruncation(root, b);
        b.specialTokens(readAddedTokens(root, vocab));

        BertTokenizerConfig config = b.build();
        new BertTokenizer(vocab, config); // fail now, not at first use, if a named token is missing
        return new TokenizerJson(vocab, config);
    }

    public WordPieceVocab vocab() {
        return vocab;
    }

    public BertTokenizerConfig config() {
        return config;
    }

    /** The vocabulary as vocab.txt text (one token per line, in id order). */
    public String vocabLines() {
        return vocab.toLines();
    }

    public BertTokenizer tokenizer() {
        return new BertTokenizer(vocab, config);
    }

    private static JsonObject section(JsonObject root, String key, String expectedType) {
        if (!root.has(key)) {
            throw unsupported(key + " is missing; expected " + expectedType);
        }
        JsonObject section = root.object(key);
        String type = section.string("type", "(none)");
        if (!type.equals(expectedType)) {
            throw unsupported(key + " is " + type + "; expected " + expectedType);
        }
        return section;
    }

    private static WordPieceVocab readVocab(JsonObject vocabObject) {
        Map<String, Object> entries = vocabObject.raw();
        String[] byId = new String[entries.size()];
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Object value = e.getValue();
            long id = value instanceof Number ? ((Number) value).longValue() : -1;
            if (id < 0 || id >= byId.length || !(value instanceof Long || value instanceof Integer)) {
                throw unsupported("model.vocab: id " + value + " of token " + e.getKey()
                        + " is not in 0.." + (byId.length - 1) + " (ids must be dense)");
            }
            if (byId[(int) id] != null) {
                throw unsupported("model.vocab: id " + id + " is used by both " + byId[(int) id] + " and " + e.getKey());
            }
            byId[(int) id] = e.getKey();
        }
        return WordPieceVocab.of(Arrays.asList(byId));
    }

    /** Accepts TemplateProcessing shaped [CLS] $A [SEP], or BertProcessing. */
    private static void readPostProcessor(JsonObject root, BertTokenizerConfig.Builder b) {
        if (!root.has("post_processor")) {
            throw unsupported("post_processor is missing; expected [CLS] $A [SEP]");
        }
        JsonObject post = root.object("post_processor");
        String type = post.string("type", "(none)");
        if (type.equals("BertProcessing")) {
            b.clsToken(firstString(post, "cls"));
            b.sepToken(firstString(post, "sep"));
            return;
        }
        if (!type.equals("TemplateProcessing")) {
            throw unsupported("post_processor is " + type + "; expected TemplateProcessing or BertProcessing");
        }
        List<JsonObject> single = post.objects("single");
        if (single.size() != 3 || !single.get(0).has("SpecialToken") || !single.get(1).has("Sequence")
                || !single.get(2).has("SpecialToken")) {
            throw unsupported("post_processor.single must be [SpecialToken, Sequence, SpecialToken]");
        }
        for (JsonObject piece : single) {
            JsonObject inner = piece.has("SpecialToken") ? piece.object("SpecialToken") : piece.object("Sequence");
            if (inner.integer("type_id", 0) != 0) {
                throw unsupported("post_processor.single: type_id must be 0");
            }
        }
        b.clsToken(single.get(0).object("SpecialToken").string("id"));
        b.sepToken(single.get(2).object("SpecialToken").string("id"));
    }

    private static String firstString(JsonObject post, String key) {
        List<Object> pair = post.array(key);
        if (pair.isEmpty() || !(pair.get(0) instanceof String)) {
            throw unsupported("post_processor." + key + " must be [token, id]");
        }
        return (String) pair.get(0);
    }

    private static void readTruncation(JsonObject root, BertTokenizerConfig.Builder b) {
        if (!root.has("truncation")) {
            b.maxLength(BertTokenizerConfig.DEFAULT_MAX_LENGTH);
            return;
        }
        JsonObject truncation = root.object("truncation");
        String direction = truncation.string("direction", "Right");
        if (!direction.equals("Right")) {
            throw unsupported("truncation.direction is " + direction + "; only Right is supported");
        }
        b.maxLength((int) truncation.integer("max_length"));
    }

    /**
     * Added tokens become literal special tokens. Only the kind BERT uses is supported: matched in
     * the raw text (normalized false), without lstrip, rstrip or single_word.
     */
    private static List<String> readAddedTokens(JsonObject root, WordPieceVocab vocab) {
        List<String> specials = new ArrayList<>();
        if (!root.has("added_tokens")) {
            return specials;
        }
        for (JsonObject t : root.objects("added_tokens")) {
            String content = t.string("content");
            if (t.bool("normalized", false) || t.bool("lstrip", false) || t.bool("rstrip", false)
                    || t.bool("single_word", false)) {
                throw unsupported("added token " + content
                        + " is normalized or strips spaces; only literal special tokens are supported");
            }
            long id = t.integer("id");
            if (vocab.id(content) != id) {
                throw unsupported("added token " + content + " has id " + id + " but the vocabulary gives "
                        + vocab.id(content));
            }
            specials.add(content);
        }
        return specials;
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("unsupported tokenizer.json: " + what);
    }
}
