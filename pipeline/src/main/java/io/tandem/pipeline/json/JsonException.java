package io.tandem.pipeline.json;

/** Malformed JSON, or JSON of the wrong shape for what the caller expected. */
public final class JsonException extends IllegalArgumentException {
    public JsonException(String message) {
        super(message);
    }
}
