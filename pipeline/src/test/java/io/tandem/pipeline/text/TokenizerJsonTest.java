package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenizerJsonTest {
    private static final String MINIMAL = "{"
            + "\"truncation\":{\"direction\":\"Right\",\"max_length\":16},"
            + "\"added_tokens\":[{\"id\":0,\"content\":\"[UNK]\",\"normalized\":false,\"special\":true},"
            + "{\"id\":1,\"content\":\"[CLS]\",\"normalized\":false,\"special\":true},"
            + "{\"id\":2,\"content\":\"[SEP]\",\"normalized\":false,\"special\":true}],"
            + "\"normalizer\":{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":false,"
            + "\"strip_accents\":false,\"lowercase\":true},"
            + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
            + "\"post_processor\":{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",2],\"cls\":[\"[CLS]\",1]},"
            + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\","
            + "\"max_input_chars_per_word\":50,\"vocab\":{\"[UNK]\":0,\"[CLS]\":1,\"[SEP]\":2,\"café\":3}}}";

    @Test
    void readsTheMiniLmTokenizer() {
        TokenizerJson t = MiniLm.tokenizerJson();
        BertTokenizerConfig c = t.config();
        assertThat(t.vocab().size()).isEqualTo(30522);
        assertThat(t.vocabLines()).startsWith("[PAD]\n[unused0]\n");
        assertThat(c.lowercase()).isTrue();
        assertThat(c.stripAccents()).as("strip_accents null follows lowercase").isTrue();
        assertThat(c.cleanText()).isTrue();
        assertThat(c.handleChineseChars()).isTrue();
        assertThat(c.maxLength()).isEqualTo(128);
        assertThat(c.maxInputCharsPerWord()).isEqualTo(100);
        assertThat(c.continuingSubwordPrefix()).isEqualTo("##");
        assertThat(c.clsToken()).isEqualTo("[CLS]");
        assertThat(c.sepToken()).isEqualTo("[SEP]");
        assertThat(c.unkToken()).isEqualTo("[UNK]");
        assertThat(c.specialTokens()).containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
        assertThat(t.tokenizer().encode("hello").ids()).containsExactly(101, 7592, 102);
    }

    @Test
    void readsExplicitSettingsAndBertProcessing() {
        TokenizerJson t = TokenizerJson.read(MINIMAL);
        assertThat(t.config().stripAccents()).isFalse();
        assertThat(t.config().handleChineseChars()).isFalse();
        assertThat(t.config().maxLength()).isEqualTo(16);
        assertThat(t.config().maxInputCharsPerWord()).isEqualTo(50);
        assertThat(t.tokenizer().encode("CAFÉ").ids()).containsExactly(1, 3, 2);
    }

    @Test
    void noTruncationMeansBertsLimit() {
        String json = MINIMAL.replace("\"truncation\":{\"direction\":\"Right\",\"max_length\":16},", "\"truncation\":null,");
        assertThat(TokenizerJson.read(json).config().maxLength()).isEqualTo(512);
    }

    @Test
    void refusesWhatItWouldNotReproduce() {
        refuses(MINIMAL.replace("\"type\":\"BertNormalizer\"", "\"type\":\"NFKC\""), "normalizer is NFKC");
        refuses(MINIMAL.replace("\"type\":\"BertPreTokenizer\"", "\"type\":\"Whitespace\""), "pre_tokenizer is Whitespace");
        refuses(MINIMAL.replace("\"type\":\"WordPiece\"", "\"type\":\"BPE\""), "model is BPE");
        refuses(MINIMAL.replace("\"type\":\"BertProcessing\"", "\"type\":\"RobertaProcessing\""), "RobertaProcessing");
        refuses(MINIMAL.replace("\"direction\":\"Right\"", "\"direction\":\"Left\""), "only Right");
        refuses(MINIMAL.replace("\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},", "\"pre_tokenizer\":null,"),
                "pre_tokenizer is missing");
        refuses(MINIMAL.replace("\"content\":\"[UNK]\",\"normalized\":false", "\"content\":\"[UNK]\",\"normalized\":true"),
                "added token [UNK] is normalized");
        refuses(MINIMAL.replace("\"café\":3", "\"café\":7"), "ids must be dense");
        refuses(MINIMAL.replace("\"cls\":[\"[CLS]\",1]", "\"cls\":[\"<s>\",1]"), "clsToken <s> is not in the vocabulary");
        refuses("{\"model\": [", "tokenizer.json is not a JSON object");
    }

    private static void refuses(String json, String message) {
        assertThatThrownBy(() -> TokenizerJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
