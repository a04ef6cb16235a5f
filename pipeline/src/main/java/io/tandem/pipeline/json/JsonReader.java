package io.tandem.pipeline.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent JSON parser over a string (RFC 8259), bounded so that hostile text fails with a
 * {@link JsonException} rather than the stack: nesting deeper than {@link #MAX_DEPTH} (each level is
 * a Java frame, and the browser's stack is smaller than the JVM's), numbers longer than
 * {@link #MAX_NUMBER_LENGTH} characters, and numbers that overflow to infinity (JSON has no
 * infinities, and the writer could not write one back). Errors name the offset and, where known,
 * the path to the value ({@code [17].bill_length_mm}), so a bad record in a large file can be found.
 */
final class JsonReader {
    /** Far beyond any manifest, recipe, tokenizer.json or record (all under 10 levels). */
    static final int MAX_DEPTH = 128;
    /** A double needs at most 25 characters; generous for other writers' padding. */
    static final int MAX_NUMBER_LENGTH = 100;

    private final String text;
    private int pos;
    private int depth;
    /** Per open container, for error messages: object or array, the key or index being read. */
    private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
    private final String[] keys = new String[MAX_DEPTH + 1];
    private final int[] indices = new int[MAX_DEPTH + 1];

    JsonReader(String text) {
        this.text = text;
    }

    Object readValue() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                expectWord("true");
                return Boolean.TRUE;
            case 'f':
                expectWord("false");
                return Boolean.FALSE;
            case 'n':
                expectWord("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    void expectEnd() {
        skipWhitespace();
        if (pos != text.length()) {
            throw error("unexpected text after the JSON value");
        }
    }

    private Map<String, Object> readObject() {
        enter(true);
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = readString();
            keys[depth] = key;
            skipWhitespace();
            expect(':');
            map.put(key, readValue());
            skipWhitespace();
            char c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray() {
        enter(false);
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            indices[depth] = list.size();
            list.add(readValue());
            skipWhitespace();
            char c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String readString() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        sb.append(readHex4());
                        break;
                    default:
                        throw error("bad escape '\\" + e + "'");
                }
            } else if (c < 0x20) {
                throw error("control character in string");
            } else {
                sb.append(c);
            }
        }
    }

    /** The four hex digits of a {@code \\u} escape (Integer.parseInt would also take a sign). */
    private char readHex4() {
        if (pos + 4 > text.length()) {
            throw error("bad \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("bad \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object readNumber() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                pos++;
            } else {
                break;
            }
            if (pos - start > MAX_NUMBER_LENGTH) {
                throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
            }
        }
        String number = text.substring(start, pos);
        double value;
        try {
            if (integral && number.length() < 18) {
                return Long.parseLong(number);
            }
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw error("bad number '" + number + "'");
        }
        if (Double.isInfinite(value)) {
            throw error("number '" + number + "' is out of range (beyond a double's ±1.8e308)");
        }
        return value;
    }

    private void enter(boolean object) {
        if (depth == MAX_DEPTH) {
            throw new JsonException("invalid JSON: nesting deeper than " + MAX_DEPTH + " at offset " + pos);
        }
        depth++;
        inObject[depth] = object;
        keys[depth] = null;
        indices[depth] = 0;
    }

    private void expectWord(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected '" + word + "'");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos++);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private JsonException error(String what) {
        String path = path();
        return new JsonException("invalid JSON at offset " + pos + (path.isEmpty() ? "" : " (in " + path + ")") + ": " + what);
    }

    /** Where the reader is, e.g. {@code [17].bill_length_mm}; empty at the top level. */
    private String path() {
        StringBuilder sb = new StringBuilder();
        for (int d = 1; d <= depth; d++) {
            if (!inObject[d]) {
                sb.append('[').append(indices[d]).append(']');
            } else if (keys[d] != null) {
                sb.append('.').append(keys[d]);
            }
        }
        return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }
}
