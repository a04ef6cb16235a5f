package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.drift.TextStatistics;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.Preprocessor;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.BertTokenizer;
import io.tandem.pipeline.text.Encoding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text → BERT WordPiece ids, attention mask and (when the model has the input) token types. The
 * tokenizer settings are the bundle's, read from tokenizer.json by the converter; {@code prefix}
 * is put before every text (E5's "query: " convention).
 */
public final class WordPieceInput implements Preprocessor {
    static final String DEFAULT_IDS_INPUT = "input_ids";
    static final String DEFAULT_MASK_INPUT = "attention_mask";
    static final String DEFAULT_TYPE_IDS_INPUT = "token_type_ids";

    private static final OptionSet OPTIONS = OptionSet.of(
            Option.of("vocab", Option.Kind.STRING, "The bundle's vocabulary file, one token per line (vocab.txt).").required(),
            Option.of("idsInput", Option.Kind.STRING, "Model input for the token ids.").defaultsTo(DEFAULT_IDS_INPUT),
            Option.of("maskInput", Option.Kind.STRING, "Model input for the attention mask.").defaultsTo(DEFAULT_MASK_INPUT),
            Option.of("typeIdsInput", Option.Kind.STRING, "Model input for the token types, fed only when the model has it.")
                    .defaultsTo(DEFAULT_TYPE_IDS_INPUT),
            Option.of("prefix", Option.Kind.STRING, "Put before every text, e.g. \"query: \" for E5 models.").defaultsTo(""),
            Option.of("maxLength", Option.Kind.INTEGER, "Longest token sequence, [CLS] and [SEP] included; longer texts are cut.")
                    .defaultsTo(512L).between(3, 65536),
            Option.of("lowercase", Option.Kind.BOOLEAN, "Lower-case the text (uncased vocabularies).").defaultsTo(Boolean.TRUE),
            Option.of("stripAccents", Option.Kind.BOOLEAN, "Remove accents (decompose, drop combining marks).").defaultsTo(Boolean.TRUE),
            Option.of("cleanText", Option.Kind.BOOLEAN, "Drop control characters, map whitespace to spaces.").defaultsTo(Boolean.TRUE),
            Option.of("handleChineseChars", Option.Kind.BOOLEAN, "Split CJK ideographs into words of one.").defaultsTo(Boolean.TRUE),
            Option.of("unkToken", Option.Kind.STRING, "The unknown token.").defaultsTo("[UNK]"),
            Option.of("clsToken", Option.Kind.STRING, "The token before the text.").defaultsTo("[CLS]"),
            Option.of("sepToken", Option.Kind.STRING, "The token after the text.").defaultsTo("[SEP]"),
            Option.of("padToken", Option.Kind.STRING, "The padding token (id 0 in BERT vocabularies).").defaultsTo("[PAD]"),
            Option.of("continuingSubwordPrefix", Option.Kind.STRING, "Marks a piece that continues a word.").defaultsTo("##"),
            Option.of("maxInputCharsPerWord", Option.Kind.INTEGER, "Longer words become the unknown token.").defaultsTo(100L)
                    .between(1, 100_000),
            Option.of("specialTokens", Option.Kind.STRINGS, "Tokens matched whole in the text, never split."));

    public static final PreprocessorType TYPE = PreprocessorType.of("bert-wordpiece",
            "BERT WordPiece tokenizer (BERT, MiniLM, BGE, E5, DistilBERT, TinyBERT …) with the bundle's vocab.txt.",
            InputKind.TEXT, OPTIONS, (manifest, config, files) -> new WordPieceInput(manifest, config, TokenizerConfigs.bertTokenizer(config, files)));

    private final BertTokenizer tokenizer;
    private final String idsInput;
    private final String maskInput;
    private final String typeIdsInput;
    private final String prefix;

    private WordPieceInput(Manifest manifest, JsonObject config, BertTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.idsInput = requireInput(manifest, "idsInput", config.string("idsInput", DEFAULT_IDS_INPUT));
        this.maskInput = requireInput(manifest, "maskInput", config.string("maskInput", DEFAULT_MASK_INPUT));
        String typeIds = config.string("typeIdsInput", DEFAULT_TYPE_IDS_INPUT);
        this.typeIdsInput = hasInput(manifest, typeIds) ? typeIds : null;
        this.prefix = config.string("prefix", "");
    }

    private static boolean hasInput(Manifest manifest, String name) {
        for (int i = 0; i < manifest.inputs().size(); i++) {
            if (manifest.inputs().get(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String requireInput(Manifest manifest, String field, String name) {
        if (!hasInput(manifest, name)) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < manifest.inputs().size(); i++) {
                names.append(i == 0 ? "" : ", ").append(manifest.inputs().get(i).name());
            }
            throw new RecipeException("preprocessing." + field + ": expected one of the model inputs [" + names + "], found '" + name + "'");
        }
        return name;
    }

    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        String text = input.text();
        Encoding e = tokenizer.encode(prefix.isEmpty() ? text : prefix + text);
        int n = e.length();
        int[] shape = {1, n};
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(idsInput, Tensor.ofLongs(shape, widen(e.ids())));
        feeds.put(maskInput, Tensor.ofLongs(shape, widen(e.attentionMask())));
        if (typeIdsInput != null) {
            feeds.put(typeIdsInput, Tensor.ofLongs(shape, widen(e.typeIds())));
        }
        return new Prepared(feeds, new TokenizedText(text, prefix, e));
    }

    @Override
    public InputStatistics statistics() {
        int unkId = tokenizer.vocab().id(tokenizer.config().unkToken());
        return new TextStatistics(idsInput, maskInput, unkId, tokenizer.config().maxLength());
    }

    @Override
    public ModelInput sampleInput() {
        return ModelInput.text("Warm up.");
    }

    private static long[] widen(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
