package io.tandem.server.cache;

import io.tandem.pipeline.task.ModelInput;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 of exactly what the model is given: text as its UTF-16 code units (a lossy encoding
 * such as UTF-8 of a lone surrogate would make two different inputs one key), an image as its
 * size and RGBA bytes, a record as its names and values, each with its length or type so that no
 * two records run together into the same bytes.
 */
final class InputDigest {
    private final MessageDigest digest;

    private InputDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String of(ModelInput input) {
        InputDigest d = new InputDigest();
        switch (input.kind()) {
            case TEXT -> {
                d.tag('T');
                d.chars(input.text());
            }
            case IMAGE -> {
                d.tag('I');
                d.integer(input.image().width());
                d.integer(input.image().height());
                d.digest.update(input.image().rgba());
            }
            case FEATURES -> {
                // The caller's key order kept: the same record in another order is a miss, never a wrong hit.
                d.tag('F');
                d.integer(input.features().size());
                for (Map.Entry<String, Object> e : input.features().entrySet()) {
                    d.chars(e.getKey());
                    d.value(e.getValue());
                }
            }
            default -> throw new IllegalArgumentException("cannot key a " + input.kind() + " input");
        }
        return HexFormat.of().formatHex(d.digest.digest());
    }

    private void value(Object v) {
        if (v == null) {
            tag('n');
        } else if (v instanceof Number n) {
            tag('d');
            long bits = Double.doubleToLongBits(n.doubleValue());
            integer((int) (bits >>> 32));
            integer((int) bits);
        } else if (v instanceof String s) {
            tag('s');
            chars(s);
        } else {
            throw new IllegalArgumentException("cannot key a feature value of " + v.getClass().getSimpleName());
        }
    }

    private void tag(char c) {
        digest.update((byte) c);
    }

    /** Length, then every UTF-16 code unit as two bytes: exact for any string, valid Unicode or not. */
    private void chars(String s) {
        integer(s.length());
        byte[] units = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            units[2 * i] = (byte) (c >>> 8);
            units[2 * i + 1] = (byte) c;
        }
        digest.update(units);
    }

    private void integer(int v) {
        digest.update(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
