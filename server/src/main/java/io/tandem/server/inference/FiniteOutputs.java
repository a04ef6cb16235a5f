package io.tandem.server.inference;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;

/** Whether a JSON-ready output (maps, lists, arrays, numbers) holds only finite numbers. */
public final class FiniteOutputs {
    private FiniteOutputs() {
    }

    public static boolean finite(Object output) {
        ArrayDeque<Object> todo = new ArrayDeque<>();
        if (output != null) {
            todo.push(output);
        }
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof Double d && !Double.isFinite(d) || o instanceof Float f && !Float.isFinite(f)) {
                return false;
            } else if (o instanceof float[] a) {
                for (float v : a) {
                    if (!Float.isFinite(v)) {
                        return false;
                    }
                }
            } else if (o instanceof double[] a) {
                for (double v : a) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            } else if (o instanceof Map<?, ?> m) {
                m.values().forEach(v -> push(todo, v));
            } else if (o instanceof Collection<?> c) {
                c.forEach(v -> push(todo, v));
            } else if (o instanceof Object[] a) {
                for (Object v : a) {
                    push(todo, v);
                }
            }
        }
        return true;
    }

    private static void push(ArrayDeque<Object> todo, Object v) {
        if (v != null) {
            todo.push(v);
        }
    }
}
