package io.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The small JSON files a transformers.js model folder needs besides the ONNX files and tokenizer.json. */
final class TjsConfig {
    private TjsConfig() {
    }

    /** all-MiniLM-L6-v2's BERT shape; transformers.js picks its BertModel class from model_type. */
    static final String CONFIG = """
            {
              "model_type": "bert",
              "architectures": ["BertModel"],
              "hidden_size": 384,
              "intermediate_size": 1536,
              "num_attention_heads": 12,
              "num_hidden_layers": 6,
              "max_position_embeddings": 512,
              "type_vocab_size": 2,
              "vocab_size": 30522,
              "pad_token_id": 0,
              "layer_norm_eps": 1e-12,
              "hidden_act": "gelu"
            }
            """;

    /** Same settings as our manifest: lower case, accents stripped (BERT's default with lower case), 128 tokens. */
    static final String TOKENIZER_CONFIG = """
            {
              "tokenizer_class": "BertTokenizer",
              "do_lower_case": true,
              "do_basic_tokenize": true,
              "tokenize_chinese_chars": true,
              "strip_accents": null,
              "model_max_length": 128,
              "clean_up_tokenization_spaces": true,
              "unk_token": "[UNK]",
              "sep_token": "[SEP]",
              "pad_token": "[PAD]",
              "cls_token": "[CLS]",
              "mask_token": "[MASK]"
            }
            """;

    /**
     * The original tokenizer.json with its {@code padding} (fixed to 128) removed: Tandem does not pad
     * a single sentence, and padding would make transformers.js run 128 tokens for every sentence.
     * Truncation (128) and everything else stay as they are.
     */
    static String tokenizerJson(String original) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(original);
            root.putNull("padding");
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer.json from the minilm jar is not JSON", e);
        }
    }
}
