package io.tandem.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Refuses text that is not valid Unicode: a JSON escape can spell a lone surrogate
 * ({@code "\ud800"}), which no UTF-8 encoder can write and which the tokenizer and any cache key
 * would see differently. Checked once, at the request boundary, over every string and field name.
 */
final class StrictUnicode {
    private StrictUnicode() {
    }

    static void check(JsonNode node) {
        // An explicit stack: the depth is bounded by the parser, but recursion need not be.
        java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isTextual()) {
                check(n.textValue());
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    check(e.getKey());
                    todo.push(e.getValue());
                }
            } else if (n.isArray()) {
                n.forEach(todo::push);
            }
        }
    }

    static void check(String s) {
        int bad = firstLoneSurrogate(s);
        if (bad >= 0) {
            throw new ApiException(400, "invalid_unicode", String.format(
                    "a string holds an unpaired surrogate (U+%04X at index %d): it is not valid Unicode", (int) s.charAt(bad), bad));
        }
    }

    /** Index of the first surrogate that is not half of a pair, or -1. */
    static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
