package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.json.JsonException;
import io.tandem.pipeline.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a HuggingFace {@code tokenizer.json} for a BERT WordPiece tokenizer: the vocabulary (as
 * {@code vocab.txt}, tokens ordered by id) and the normaliser and special-token settings the
 * manifest records, so the pipeline's tokenizer is configured from the same file the reference
 * tokenizer uses rather than from values typed by hand.
 *
 * <p>Only BERT-style files are accepted (WordPiece model, BertNormalizer, BertPreTokenizer):
 * anything else would need a tokenizer the pipeline does not have, and is refused by name.
 */
public final class BertTokenizerJson {
    /** The manifest's key order for bert-wordpiece preprocessing; keys the recipe adds follow. */
    private static final List<String> ORDER = List.of("type", "vocab", "lowercase", "stripAccents", "cleanText",
            "handleChineseChars", "maxLength", "unkToken", "clsToken", "sepToken", "padToken",
            "continuingSubwordPrefix", "maxInputCharsPerWord", "specialTokens");

    private final List<String> vocab;
    private final Map<String, Object> settings;

    private BertTokenizerJson(List<String> vocab, Map<String, Object> settings) {
        this.vocab = vocab;
        this.settings = settings;
    }

    /** Parses tokenizer.json text; {@code where} names it in errors. */
    public static BertTokenizerJson parse(String text, String where) {
        try {
            JsonObject root = JsonObject.parse(text, where);
            JsonObject model = root.object("model");
            expectType(model, "WordPiece", where + " model");
            List<String> vocab = vocab(model, where);
            Map<String, Object> s = new LinkedHashMap<>();
            normaliser(root, s, where);
            if (root.has("pre_tokenizer")) {
                expectType(root.object("pre_tokenizer"), "BertPreTokenizer", where + " pre_tokenizer");
            }
            if (root.has("truncation")) {
                s.put("maxLength", root.object("truncation").integer("max_length"));
            }
            s.put("unkToken", model.string("unk_token"));
            specialTokens(root, s, where);
            if (root.has("padding")) {
                s.put("padToken", root.object("padding").string("pad_token"));
            }
            s.put("continuingSubwordPrefix", model.string("continuing_subword_prefix", "##"));
            s.put("maxInputCharsPerWord", model.integer("max_input_chars_per_word", 100));
            s.put("specialTokens", specialTokenList(root));
            return new BertTokenizerJson(vocab, s);
        } catch (JsonException e) {
            String m = e.getMessage();
            throw new ConverterException(m.startsWith(where) ? m : where + ": " + m, e);
        }
    }

    /** Tokens by id, one per line: the vocab.txt BERT tokenizers have always read. */
    public String vocabText() {
        StringBuilder sb = new StringBuilder();
        for (String token : vocab) {
            sb.append(token).append('\n');
        }
        return sb.toString();
    }

    public int vocabSize() {
        return vocab.size();
    }

    /** What tokenizer.json says, keyed as in the manifest. */
    public Map<String, Object> settings() {
        return new LinkedHashMap<>(settings);
    }

    /**
     * The manifest's preprocessing: the recipe's settings plus tokenizer.json's. A setting both give
     * must agree; one neither gives is an error, since the pipeline would otherwise guess.
     */
    public Map<String, Object> mergeInto(Map<String, Object> recipe, String where) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String key : ORDER) {
            Object mine = key.equals("vocab") ? recipe.getOrDefault("vocab", "vocab.txt") : settings.get(key);
            Object theirs = recipe.get(key);
            if (mine != null && theirs != null && !Objects.equals(mine, theirs)) {
                problems.add("preprocessing." + key + ": expected " + theirs + " (recipe), found " + mine + " (tokenizer.json)");
            }
            Object value = theirs != null ? theirs : mine;
            if (value == null) {
                problems.add("preprocessing." + key + ": expected a value, found none in the recipe or tokenizer.json");
            }
            merged.put(key, value);
        }
        for (Map.Entry<String, Object> e : recipe.entrySet()) {
            merged.putIfAbsent(e.getKey(), e.getValue());
        }
        for (String key : List.of("unkToken", "clsToken", "sepToken", "padToken")) {
            Object token = merged.get(key);
            if (token != null && !vocab.contains(token)) {
                problems.add("preprocessing." + key + ": expected a token in the vocabulary, found '" + token + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConverterException(where + ": " + String.join("; ", problems));
        }
        return merged;
    }

    private static void expectType(JsonObject o, String expected, String where) {
        String type = o.string("type", expected);
        if (!type.equals(expected)) {
            throw new ConverterException(where + ": expected type " + expected + ", found " + type);
        }
    }

    private static List<String> vocab(JsonObject model, String where) {
        TreeMap<Long, String> byId = new TreeMap<>();
        for (Map.Entry<String, Object> e : model.object("vocab").raw().entrySet()) {
            if (!(e.getValue() instanceof Long id)) {
                throw new ConverterException(where + ": vocab id of '" + e.getKey() + "' is not an integer");
            }
            if (e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\r') >= 0) {
                throw new ConverterException(where + ": vocab token with id " + id + " contains a line break, which vocab.txt cannot hold");
            }
            String previous = byId.put(id, e.getKey());
            if (previous != null) {
                throw new ConverterException(where + ": vocab id " + id + " is used by '" + previous + "' and '" + e.getKey() + "'");
            }
        }
        // vocab.txt gives ids by line number, so ids must run 0, 1, 2 … without gaps.
        List<String> tokens = new ArrayList<>(byId.size());
        for (Map.Entry<Long, String> e : byId.entrySet()) {
            if (e.getKey() != tokens.size()) {
                throw new ConverterException(where + ": vocab ids must run from 0 without gaps; expected id " + tokens.size() + ", found " + e.getKey());
            }
            tokens.add(e.getValue());
        }
        return tokens;
    }

    private static void normaliser(JsonObject root, Map<String, Object> s, String where) {
        if (!root.has("normalizer")) {
            s.put("lowercase", false);
            s.put("stripAccents", false);
            s.put("cleanText", false);
            s.put("handleChineseChars", false);
            return;
        }
        JsonObject n = root.object("normalizer");
        expectType(n, "BertNormalizer", where + " normalizer");
        boolean lowercase = n.bool("lowercase", true);
        s.put("lowercase", lowercase);
        // HuggingFace: strip_accents null means "strip when lower-casing", as the original BERT did.
        s.put("stripAccents", n.bool("strip_accents", lowercase));
        s.put("cleanText", n.bool("clean_text", true));
        s.put("handleChineseChars", n.bool("handle_chinese_chars", true));
    }

    /** [CLS] and [SEP] from the post-processor: BertProcessing, or a TemplateProcessing "single". */
    private static void specialTokens(JsonObject root, Map<String, Object> s, String where) {
        if (!root.has("post_processor")) {
            return;
        }
        JsonObject p = root.object("post_processor");
        String type = p.string("type", "");
        if (type.equals("BertProcessing")) {
            s.put("clsToken", firstString(p.array("cls")));
            s.put("sepToken", firstString(p.array("sep")));
        } else if (type.equals("TemplateProcessing")) {
            List<String> specials = new ArrayList<>();
            List<JsonObject> single = p.objects("single");
            for (JsonObject piece : single) {
                if (piece.has("SpecialToken")) {
                    specials.add(piece.object("SpecialToken").string("id"));
                }
            }
            boolean bertShape = single.size() == 3 && specials.size() == 2 && single.get(1).has("Sequence");
            if (!bertShape) {
                throw new ConverterException(where + " post_processor: expected the BERT template [CLS] $A [SEP], found " + specials);
            }
            s.put("clsToken", specials.get(0));
            s.put("sepToken", specials.get(1));
        } else {
            throw new ConverterException(where + " post_processor: expected BertProcessing or TemplateProcessing, found " + type);
        }
    }

    private static String firstString(List<Object> pair) {
        return pair.isEmpty() ? null : String.valueOf(pair.get(0));
    }

    private static List<Object> specialTokenList(JsonObject root) {
        TreeMap<Long, String> byId = new TreeMap<>();
        if (root.has("added_tokens")) {
            for (JsonObject t : root.objects("added_tokens")) {
                if (t.bool("special", false)) {
                    byId.put(t.integer("id"), t.string("content"));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }
}
