package io.tandem.converter;

import io.tandem.converter.bundle.TokenizerSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerSettingsTest {
    /** A tokenizer.json in the shape HuggingFace writes for BERT, with an eight-token vocabulary. */
    static final String TOKENIZER = """
            {
              "version": "1.0",
              "truncation": {"direction": "Right", "max_length": 16, "strategy": "LongestFirst", "stride": 0},
              "padding": {"strategy": "BatchLongest", "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
              "added_tokens": [
                {"id": 0, "content": "[PAD]", "special": true},
                {"id": 1, "content": "[UNK]", "special": true},
                {"id": 2, "content": "[CLS]", "special": true},
                {"id": 3, "content": "[SEP]", "special": true},
                {"id": 4, "content": "[MASK]", "special": true}
              ],
              "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
              "pre_tokenizer": {"type": "BertPreTokenizer"},
              "post_processor": {"type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}]},
              "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "world": 6, "hello": 5, "##s": 7}}
            }
            """;

    @Test
    void vocabIsOrderedById() {
        TokenizerSettings t = TokenizerSettings.parse(TOKENIZER, "tokenizer.json");
        assertThat(t.vocabText()).isEqualTo("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n##s\n");
    }

    @Test
    void settingsComeFromTheFile() {
        Map<String, Object> s = TokenizerSettings.parse(TOKENIZER, "tokenizer.json").settings();
        assertThat(s).containsEntry("lowercase", true)
                // strip_accents null: HuggingFace strips accents when it lower-cases.
                .containsEntry("stripAccents", true)
                .containsEntry("maxLength", 16L)
                .containsEntry("clsToken", "[CLS]")
                .containsEntry("sepToken", "[SEP]")
                .containsEntry("padToken", "[PAD]")
                .containsEntry("unkToken", "[UNK]")
                .containsEntry("specialTokens", List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    }

    @Test
    void explicitStripAccentsFalseIsKept() {
        String t = TOKENIZER.replace("\"strip_accents\": null", "\"strip_accents\": false");
        assertThat(TokenizerSettings.parse(t, "tokenizer.json").settings()).containsEntry("stripAccents", false);
    }

    @Test
    void recipeMayAddButNotContradict() {
        TokenizerSettings t = TokenizerSettings.parse(TOKENIZER, "tokenizer.json");
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put("type", "bert-wordpiece");
        recipe.put("maxLength", 16L);
        recipe.put("idsInput", "input_ids");
        assertThat(t.mergeInto(recipe, "recipe", java.util.OptionalInt.empty(), new java.util.ArrayList<>()))
                .containsEntry("vocab", "vocab.txt").containsEntry("idsInput", "input_ids");

        recipe.put("clsToken", "<s>");
        assertThatThrownBy(() -> t.mergeInto(recipe, "recipe", java.util.OptionalInt.empty(), new java.util.ArrayList<>()))
                .hasMessageContaining("preprocessing.clsToken: expected <s> (recipe), found [CLS] (tokenizer.json)");
    }

    @Test
    void withoutTruncationTheRecipeOrTheModelsPositionTableSaysTheLongestInput() {
        // TinyBERT's case: tokenizer.json sets no truncation and the model has 100 positions.
        String noTruncation = TOKENIZER.replaceFirst("\"truncation\": \\{[^}]*},", "");
        TokenizerSettings t = TokenizerSettings.parse(noTruncation, "tokenizer.json");
        Map<String, Object> recipe = new LinkedHashMap<>(Map.of("type", "bert-wordpiece"));
        java.util.List<String> notes = new java.util.ArrayList<>();
        assertThat(t.mergeInto(recipe, "recipe", java.util.OptionalInt.of(100), notes)).containsEntry("maxLength", 100L);
        assertThat(notes).containsExactly("maxLength 100 from the model's position table: tokenizer.json sets no truncation");
        assertThat(t.mergeInto(recipe, "recipe", java.util.OptionalInt.empty(), new java.util.ArrayList<>())).containsEntry("maxLength", 512L);

        recipe.put("maxLength", 64L);
        assertThat(t.mergeInto(recipe, "recipe", java.util.OptionalInt.of(100), new java.util.ArrayList<>()))
                .as("the recipe may say what the file does not").containsEntry("maxLength", 64L);
        recipe.put("maxLength", 128L);
        assertThatThrownBy(() -> t.mergeInto(recipe, "recipe", java.util.OptionalInt.of(100), new java.util.ArrayList<>()))
                .hasMessageContaining("preprocessing.maxLength: expected at most 100 (the model's position table), found 128 (recipe)");
    }

    @Test
    void gapsInVocabIdsAreRefused() {
        String gap = TOKENIZER.replace("\"##s\": 7", "\"##s\": 9");
        assertThatThrownBy(() -> TokenizerSettings.parse(gap, "tokenizer.json"))
                .isInstanceOf(ConverterException.class)
                .hasMessageContaining("tokenizer.json: unsupported tokenizer.json: model.vocab: id 9 of token ##s is not in 0..7");
    }

    @Test
    void nonWordPieceTokenizersAreRefused() {
        String bpe = TOKENIZER.replace("\"type\": \"WordPiece\"", "\"type\": \"BPE\"");
        assertThatThrownBy(() -> TokenizerSettings.parse(bpe, "tokenizer.json"))
                .isInstanceOf(ConverterException.class)
                .hasMessageContaining("model is BPE; expected WordPiece")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
