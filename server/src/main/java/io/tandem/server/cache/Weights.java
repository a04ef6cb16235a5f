package io.tandem.server.cache;

import java.util.List;
import java.util.Map;

/** A rough estimate, in bytes, of the heap a JSON-ready value takes: enough to bound a cache. */
final class Weights {
    private Weights() {
    }

    static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return 40L + 2L * s.length();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return 24;
        }
        if (value instanceof List<?> list) {
            long sum = 40L + 8L * list.size();
            for (Object e : list) {
                sum += of(e);
            }
            return sum;
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 64L + 40L * map.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sum += of(e.getKey()) + of(e.getValue());
            }
            return sum;
        }
        return 64;
    }
}
