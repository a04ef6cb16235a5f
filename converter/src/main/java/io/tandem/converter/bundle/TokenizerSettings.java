package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.text.BertTokenizerConfig;
import io.tandem.pipeline.text.TokenizerJson;
import io.tandem.pipeline.text.WordPieceVocab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manifest's bert-wordpiece preprocessing, made from a tokenizer.json as the pipeline itself
 * reads it ({@link TokenizerJson}): one reader for the file, so what the converter records is what
 * the server and the browser would have tokenised with anyway.
 *
 * <p>The converter's own job is only the recipe: a recipe may add settings (input names) but not
 * contradict the file.
 */
public final class TokenizerSettings {
    /** The manifest's key order for bert-wordpiece preprocessing; keys the recipe adds follow. */
    private static final List<String> ORDER = List.of("type", "vocab", "lowercase", "stripAccents", "cleanText",
            "handleChineseChars", "maxLength", "unkToken", "clsToken", "sepToken", "padToken",
            "continuingSubwordPrefix", "maxInputCharsPerWord", "specialTokens");

    private final TokenizerJson tokenizer;
    /** Whether tokenizer.json truncates at all; without, its maxLength is only the reader's default. */
    private final boolean truncates;

    private TokenizerSettings(TokenizerJson tokenizer, boolean truncates) {
        this.tokenizer = tokenizer;
        this.truncates = truncates;
    }

    /** Parses tokenizer.json text; {@code where} names it in the one-line error of a file we refuse. */
    public static TokenizerSettings parse(String text, String where) {
        try {
            return new TokenizerSettings(TokenizerJson.read(text), io.tandem.pipeline.json.JsonObject.parse(text, where).has("truncation"));
        } catch (IllegalArgumentException e) {
            throw new ConverterException(where + ": " + e.getMessage(), e);
        }
    }

    /** Tokens by id, one per line: the vocab.txt BERT tokenizers have always read. */
    public String vocabText() {
        return tokenizer.vocabLines();
    }

    /** What tokenizer.json says, keyed and typed as in the manifest (numbers as Long, like parsed JSON). */
    public Map<String, Object> settings() {
        BertTokenizerConfig c = tokenizer.config();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lowercase", c.lowercase());
        s.put("stripAccents", c.stripAccents());
        s.put("cleanText", c.cleanText());
        s.put("handleChineseChars", c.handleChineseChars());
        if (truncates) {
            s.put("maxLength", (long) c.maxLength());
        }
        s.put("unkToken", c.unkToken());
        s.put("clsToken", c.clsToken());
        s.put("sepToken", c.sepToken());
        s.put("padToken", c.padToken());
        s.put("continuingSubwordPrefix", c.continuingSubwordPrefix());
        s.put("maxInputCharsPerWord", (long) c.maxInputCharsPerWord());
        s.put("specialTokens", new ArrayList<Object>(c.specialTokens()));
        return s;
    }

    /**
     * The manifest's preprocessing: the recipe's settings plus tokenizer.json's. A setting both give
     * must agree (every disagreement is listed in one line). When tokenizer.json sets no truncation,
     * {@code maxLength} is the recipe's, else the model's own bound (its position table), else 512;
     * any of them above the model's bound is refused — onnxruntime would fail on longer texts.
     *
     * @param modelMax the longest sequence the model takes, when its graph says
     * @param notes receives a line saying where maxLength came from when tokenizer.json did not say
     */
    public Map<String, Object> mergeInto(Map<String, Object> recipe, String where, java.util.OptionalInt modelMax, List<String> notes) {
        Map<String, Object> settings = settings();
        List<String> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String key : ORDER) {
            Object mine = key.equals("vocab") ? recipe.getOrDefault("vocab", "vocab.txt") : settings.get(key);
            Object theirs = recipe.get(key);
            if (mine != null && theirs != null && !Objects.equals(mine, theirs)) {
                problems.add("preprocessing." + key + ": expected " + theirs + " (recipe), found " + mine + " (tokenizer.json)");
            }
            merged.put(key, theirs != null ? theirs : mine);
        }
        for (Map.Entry<String, Object> e : recipe.entrySet()) {
            merged.putIfAbsent(e.getKey(), e.getValue());
        }
        if (merged.get("maxLength") == null) {
            long chosen = modelMax.isPresent() ? Math.min(modelMax.getAsInt(), BertTokenizerConfig.DEFAULT_MAX_LENGTH)
                    : BertTokenizerConfig.DEFAULT_MAX_LENGTH;
            merged.put("maxLength", chosen);
            notes.add("maxLength " + chosen + (modelMax.isPresent() ? " from the model's position table" : " (the BERT default)")
                    + ": tokenizer.json sets no truncation");
        }
        long maxLength = ((Number) merged.get("maxLength")).longValue();
        if (modelMax.isPresent() && maxLength > modelMax.getAsInt()) {
            problems.add("preprocessing.maxLength: expected at most " + modelMax.getAsInt() + " (the model's position table), found "
                    + maxLength + (recipe.get("maxLength") != null ? " (recipe)" : " (tokenizer.json)"));
        }
        WordPieceVocab vocab = tokenizer.vocab();
        for (String key : List.of("unkToken", "clsToken", "sepToken", "padToken")) {
            Object token = merged.get(key);
            if (token != null && !vocab.contains(String.valueOf(token))) {
                problems.add("preprocessing." + key + ": expected a token in the vocabulary, found '" + token + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConverterException(where + ": " + String.join("; ", problems));
        }
        return merged;
    }
}
