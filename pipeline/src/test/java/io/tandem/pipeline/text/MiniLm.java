package io.tandem.pipeline.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The tokenizer.json of all-MiniLM-L6-v2 (bert-base-uncased's vocabulary, max length 128), read from
 * the root of the langchain4j model jar on the test classpath.
 */
final class MiniLm {
    static final String RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private static String json;
    private static TokenizerJson parsed;

    private MiniLm() {
    }

    static synchronized String json() {
        if (json == null) {
            try (InputStream in = MiniLm.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the test classpath");
                }
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }

    static synchronized TokenizerJson tokenizerJson() {
        if (parsed == null) {
            parsed = TokenizerJson.read(json());
        }
        return parsed;
    }

    static BertTokenizer tokenizer() {
        return tokenizerJson().tokenizer();
    }
}
