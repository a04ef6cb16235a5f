package io.tandem.converter.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Does a concrete tensor shape fit a declared one? A fixed dimension must be equal, a symbolic one
 * takes any size ≥ 0 but the same symbol the same size wherever it appears — within a tensor and
 * across the tensors one instance checks ({@code input_ids} and {@code attention_mask} share
 * {@code [batch, sequence]}) — and an unnamed one ({@code ?}) any size. A declaration without a rank
 * fits every shape. Dimensions are numbered from 0, as ONNX does.
 *
 * <p>Answers are null (fits) or one line in the converter's "expected X, found Y" form:
 * {@code expected 28 (dimension 2 of input 'input_image'), found 224}.
 */
public final class ShapeFit {
    /** Where a symbol got its size: its value and the first place it was seen. */
    private record Bound(long size, String where) {
    }

    private final Map<String, Bound> symbols = new HashMap<>();

    /** The problem with {@code shape} for {@code declared}, or null; {@code role} is "input" or "output". */
    public String check(ValueInfo declared, String role, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        String what = (role == null || role.isEmpty() ? "" : role + " ") + "'" + declared.name() + "'";
        if (!declared.isTensor()) {
            return "expected a tensor, found " + declared.kind() + " (" + what + " is not a tensor)";
        }
        List<Dim> dims = declared.dims();
        if (dims == null) {
            return null;
        }
        if (dims.size() != shape.length) {
            return "expected rank " + dims.size() + " (" + what + " is " + declared.shapeString() + "), found rank "
                    + shape.length + ": " + Arrays.toString(shape);
        }
        Map<String, Bound> local = new HashMap<>();
        for (int i = 0; i < shape.length; i++) {
            Dim d = dims.get(i);
            String where = "dimension " + i + " of " + what;
            if (shape[i] < 0) {
                return "expected a size of at least 0 (" + where + "), found " + shape[i];
            }
            if (d.isFixed()) {
                if (d.value() != shape[i]) {
                    return "expected " + d.value() + " (" + where + "), found " + shape[i];
                }
            } else if (d.symbol() != null) {
                Bound b = local.containsKey(d.symbol()) ? local.get(d.symbol()) : symbols.get(d.symbol());
                if (b != null && b.size() != shape[i]) {
                    return "expected " + d.symbol() + " = " + b.size() + " (" + where + ", as " + b.where() + "), found " + shape[i];
                }
                if (b == null) {
                    local.put(d.symbol(), new Bound(shape[i], where));
                }
            }
        }
        symbols.putAll(local);
        return null;
    }

    public String check(ValueInfo declared, String role, int[] shape) {
        return check(declared, role, toLongs(shape));
    }

    /**
     * Every problem with {@code shapes} (name → shape) for the {@code declared} tensors of one role,
     * sharing symbols: a declared tensor without a shape, a shape for a tensor not declared, and each
     * tensor's first mismatch. Empty when all fit.
     */
    public static List<String> all(List<ValueInfo> declared, String role, Map<String, long[]> shapes) {
        ShapeFit fit = new ShapeFit();
        List<String> problems = new ArrayList<>();
        List<String> names = declared.stream().map(ValueInfo::name).toList();
        for (ValueInfo v : declared) {
            long[] shape = shapes.get(v.name());
            if (shape == null) {
                problems.add("expected a shape for " + role + " '" + v.name() + "', found none (given: " + shapes.keySet() + ")");
                continue;
            }
            String p = fit.check(v, role, shape);
            if (p != null) {
                problems.add(p);
            }
        }
        for (String name : shapes.keySet()) {
            if (!names.contains(name)) {
                problems.add("expected one of the " + role + "s " + names + ", found '" + name + "'");
            }
        }
        return problems;
    }

    static long[] toLongs(int[] shape) {
        Objects.requireNonNull(shape, "shape");
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }
}
