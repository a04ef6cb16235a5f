package io.tandem.server.jobs.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values as JSON text in Redis, written and read with Jackson as the API writes its answers: a
 * result read back prints as the very JSON a job in this process would have answered (a float
 * stays {@code 0.25}, not its double expansion).
 */
final class JsonText {
    /** Configured once, never changed: Jackson's mappers are thread-safe then. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** @throws IllegalArgumentException the value is not made of JSON's kinds */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException what Redis holds is not JSON (it was written by something else) */
    static Object read(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored job value is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
