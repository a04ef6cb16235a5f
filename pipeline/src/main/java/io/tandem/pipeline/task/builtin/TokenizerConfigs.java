package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.text.BertTokenizer;
import io.tandem.pipeline.text.BertTokenizerConfig;
import io.tandem.pipeline.text.WordPieceVocab;

/** Builds a tokenizer from a manifest's {@code preprocessing} section and the bundle's vocabulary. */
final class TokenizerConfigs {
    private TokenizerConfigs() {
    }

    static BertTokenizer bertTokenizer(JsonObject pre, BundleFiles files) {
        BertTokenizerConfig defaults = BertTokenizerConfig.bertUncased();
        BertTokenizerConfig.Builder b = defaults.toBuilder()
                .lowercase(pre.bool("lowercase", defaults.lowercase()))
                .stripAccents(pre.bool("stripAccents", defaults.stripAccents()))
                .cleanText(pre.bool("cleanText", defaults.cleanText()))
                .handleChineseChars(pre.bool("handleChineseChars", defaults.handleChineseChars()))
                .maxLength((int) pre.integer("maxLength", defaults.maxLength()))
                .unkToken(pre.string("unkToken", defaults.unkToken()))
                .clsToken(pre.string("clsToken", defaults.clsToken()))
                .sepToken(pre.string("sepToken", defaults.sepToken()))
                .padToken(pre.string("padToken", defaults.padToken()))
                .continuingSubwordPrefix(pre.string("continuingSubwordPrefix", defaults.continuingSubwordPrefix()))
                .maxInputCharsPerWord((int) pre.integer("maxInputCharsPerWord", defaults.maxInputCharsPerWord()));
        if (pre.has("specialTokens")) {
            b.specialTokens(pre.strings("specialTokens"));
        }
        WordPieceVocab vocab = WordPieceVocab.fromLines(files.readText(pre.string("vocab")));
        return new BertTokenizer(vocab, b.build());
    }
}
