package io.tandem.pipeline.image;

/**
 * An enum constant with the name a manifest spells it by. One lookup for all the image recipe's
 * enums, so each refuses an unknown name with the same "expected one of [..], found 'x'".
 */
interface WireNamed {
    String wireName();

    static <E extends WireNamed> E parse(E[] values, String name) {
        for (E value : values) {
            if (value.wireName().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected one of " + list(values) + ", found "
                + (name == null ? "null" : "'" + name + "'"));
    }

    static String[] names(WireNamed[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].wireName();
        }
        return names;
    }

    /** "[a, b, c]", for messages. */
    static String list(WireNamed[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values[i].wireName());
        }
        return sb.append(']').toString();
    }
}
