package io.tandem.converter.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The longest token sequence a transformer encoder with learned absolute positions accepts, read
 * from its graph: one row of the position-embedding table per position, so a longer sequence makes
 * onnxruntime fail ("indices element out of data bounds", or BERT's sliced position ids coming up
 * short: "Attempting to broadcast an axis by a dimension other than 1. 100 by 220"). A tokenizer.json
 * may say nothing about it (TinyBERT's, bge's and e5's set no truncation); the table does.
 *
 * <p>The rule, most reliable first:
 * <ol>
 *   <li><b>Graph structure.</b> A {@code Gather} (axis 0) from a 2-D table — an initializer or a
 *       {@code Constant}, of any element type, so int8, uint8 and fp16 variants count — whose indices
 *       are worked out from the sequence length alone: {@code Shape} of a graph input, {@code Gather}
 *       or {@code Slice} of one dimension, {@code Add}/{@code Sub} of constants, and then a
 *       {@code Slice} of a constant 0, 1, 2 … buffer (BERT's {@code position_ids}, Hugging Face and
 *       Xenova exports), a {@code Range}, or a {@code CumSum} of a 0/1 mask (RoBERTa's
 *       {@code create_position_ids_from_input_ids}); {@code Cast}, {@code Unsqueeze}, {@code Squeeze},
 *       {@code Reshape}, {@code Expand}, {@code Identity} pass a value through, {@code Mul} by a mask
 *       keeps the largest index. That gives the largest index as L + k for sequence length L, so
 *       L ≤ rows − 1 − k (BERT: k = −1, L ≤ rows; RoBERTa: positions start after padding_idx 1,
 *       k = 1, L ≤ rows − 2 = 512 of 514), and a sliced buffer of P ids adds L ≤ P − (the slice's end
 *       offset). onnxruntime's fused {@code com.microsoft.EmbedLayerNormalization} reads its positions
 *       0 … L−1 from input 3: L ≤ rows. Several such tables: the smallest bound.</li>
 *   <li><b>A graph input named {@code position_ids}</b> feeding such a Gather: the caller's ids are
 *       assumed 0 … L−1, so L ≤ rows.</li>
 *   <li><b>Names</b>, when no index path was understood: a 2-D initializer read by a Gather whose
 *       name says position embeddings ({@value #NAME_RULE}): L ≤ rows (BERT's convention; a
 *       RoBERTa-style offset is not seen this way).</li>
 * </ol>
 * Word and token-type tables are told apart by their indices: a graph input, or a slice of a
 * constant buffer that is not 0, 1, 2 … (token types are zeros). Relative-position schemes (T5's
 * bucketed bias, rotary embeddings) have no such table and give no bound: empty.
 */
public final class PositionTable {
    static final String NAME_RULE = "(?i).*(position|pos)[._-]?(embed|emb|embedding|embeddings)\\b.*|(?i)(.*[./])?wpe([./].*)?";
    private static final Pattern NAME = Pattern.compile(NAME_RULE);
    private static final Set<String> PASS_THROUGH = Set.of("Cast", "Unsqueeze", "Squeeze", "Reshape", "Expand", "Identity", "Flatten");

    /** How a bound was found: from the index computation, a graph input's name, or the table's name. */
    public enum Evidence { GRAPH, INPUT_NAME, TABLE_NAME }

    /**
     * @param table     the position-embedding table (an initializer's or Constant's output name)
     * @param rows      its first dimension
     * @param maxLength the longest sequence the model runs
     * @param evidence  how it was found (see the class comment)
     */
    public record Finding(String table, long rows, int maxLength, Evidence evidence) {
        /** {@code 512 (position table 'embeddings.position_embeddings.weight', 512 rows, from the graph)}. */
        public String describe() {
            String how = switch (evidence) {
                case GRAPH -> "from the graph";
                case INPUT_NAME -> "read with the position_ids input";
                case TABLE_NAME -> "found by its name";
            };
            return maxLength + " (position table '" + table + "', " + rows + " rows, " + how + ")";
        }
    }

    private PositionTable() {
    }

    /** The maximum sequence length, or empty when the model has no absolute position table. */
    public static OptionalInt maxLength(OnnxFile model) {
        return find(model).map(f -> OptionalInt.of(f.maxLength())).orElse(OptionalInt.empty());
    }

    public static OptionalInt maxLength(byte[] modelBytes, String name) {
        return maxLength(OnnxFile.read(modelBytes, name));
    }

    /** The binding table and bound, or empty. */
    public static Optional<Finding> find(OnnxFile model) {
        Graph g = model.graph();
        Evaluator eval = new Evaluator(g);
        Finding best = null;
        List<Finding> byName = new ArrayList<>();
        for (Node n : g.nodes()) {
            Finding f = null;
            if (n.isStandard() && n.opType().equals("Gather") && axis(n) == 0) {
                long[] dims = eval.tableDims(n.input(0));
                if (dims == null || dims.length != 2) {
                    continue;
                }
                Value indices = eval.value(n.input(1));
                if (indices instanceof Positions p) {
                    long bound = Math.min(dims[0] - 1 - p.offset(), p.cap());
                    f = new Finding(n.input(0), dims[0], clamp(bound), p.byName() ? Evidence.INPUT_NAME : Evidence.GRAPH);
                } else if (NAME.matcher(n.input(0)).matches() && !(indices instanceof Input) && !(indices instanceof Ints)) {
                    byName.add(new Finding(n.input(0), dims[0], clamp(dims[0]), Evidence.TABLE_NAME));
                }
            } else if (n.domain().equals("com.microsoft") && n.opType().equals("EmbedLayerNormalization")) {
                long[] dims = eval.tableDims(n.input(3));
                if (dims != null && dims.length == 2) {
                    f = new Finding(n.input(3), dims[0], clamp(dims[0]), Evidence.GRAPH);
                }
            }
            if (f != null && (best == null || f.maxLength() < best.maxLength())) {
                best = f;
            }
        }
        if (best == null) {
            for (Finding f : byName) {
                if (best == null || f.maxLength() < best.maxLength()) {
                    best = f;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int clamp(long bound) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, bound));
    }

    private static long axis(Node gather) {
        Attribute a = gather.attribute("axis");
        return a == null ? 0 : a.i(0);
    }

    /** What is known of a tensor on the way to a Gather's indices. */
    private sealed interface Value permits Ints, Input, ShapeOf, Length, Positions {
    }

    /** An integer constant (an initializer, a Constant, or arithmetic on them). */
    private record Ints(long[] values, long[] dims) implements Value {
        boolean isScalar() {
            return values.length == 1;
        }

        /** True for c, c+1, c+2 … along the flattened buffer (BERT's position_ids: 0 … P−1). */
        boolean isCounting() {
            for (int i = 1; i < values.length; i++) {
                if (values[i] != values[0] + i) {
                    return false;
                }
            }
            return values.length > 1;
        }
    }

    /** A graph input (token ids, a mask …), its declared dims. */
    private record Input(String name, List<Dim> dims) implements Value {
    }

    /** Shape of a graph input, from dimension {@code start} on. */
    private record ShapeOf(Input of, int start) implements Value {
    }

    /** A scalar (or one-element tensor) equal to L + c, L the sequence length. */
    private record Length(long c) implements Value {
    }

    /**
     * Position indices whose largest value is L + offset, valid only while L ≤ cap (a sliced buffer
     * runs out); {@code byName} when the indices are a graph input trusted by its name.
     */
    private record Positions(long offset, long cap, boolean byName) implements Value {
        Positions plus(long d) {
            return new Positions(offset + d, cap, byName);
        }
    }

    private static final class Evaluator {
        private final Graph g;
        private final Map<String, Node> producers = new HashMap<>();
        private final Map<String, Input> inputs = new HashMap<>();
        private final Map<String, Optional<Value>> memo = new HashMap<>();

        Evaluator(Graph g) {
            this.g = g;
            for (Node n : g.nodes()) {
                for (String out : n.outputs()) {
                    producers.put(out, n);
                }
            }
            for (String name : g.inputNames()) {
                ValueInfo v = g.valueInfo(name);
                inputs.put(name, new Input(name, v == null ? null : v.dims()));
            }
        }

        /** Dims of an initializer or a Constant's value, or null. */
        long[] tableDims(String name) {
            Initializer t = g.initializer(name);
            if (t == null) {
                Node p = producers.get(name);
                if (p != null && p.opType().equals("Constant") && p.attribute("value") != null) {
                    t = p.attribute("value").tensor();
                }
            }
            return t == null ? null : t.dims();
        }

        Value value(String name) {
            Optional<Value> known = memo.get(name);
            if (known != null) {
                return known.orElse(null);
            }
            memo.put(name, Optional.empty()); // a cycle (malformed graph) reads as unknown
            Value v = compute(name);
            memo.put(name, Optional.ofNullable(v));
            return v;
        }

        private Value compute(String name) {
            if (name.isEmpty()) {
                return null;
            }
            Input in = inputs.get(name);
            if (in != null) {
                return name.toLowerCase(java.util.Locale.ROOT).contains("position") ? new Positions(-1, Long.MAX_VALUE, true) : in;
            }
            Initializer t = g.initializer(name);
            if (t != null) {
                return ints(t);
            }
            Node n = producers.get(name);
            if (n == null || !n.isStandard()) {
                return null;
            }
            String op = n.opType();
            if (op.equals("Constant")) {
                Attribute value = n.attribute("value");
                return value == null || value.tensor() == null ? null : ints(value.tensor());
            }
            if (PASS_THROUGH.contains(op)) {
                Value v = value(n.input(0));
                return v instanceof Ints c && !op.equals("Cast") && !op.equals("Identity") ? new Ints(c.values(), null) : v;
            }
            return switch (op) {
                case "Shape" -> value(n.input(0)) instanceof Input i ? new ShapeOf(i, shapeStart(n, i)) : null;
                case "Gather" -> gather(n);
                case "Slice" -> slice(n);
                case "Add" -> add(value(n.input(0)), value(n.input(1)), 1);
                case "Sub" -> add(value(n.input(0)), value(n.input(1)), -1);
                case "Mul" -> mul(value(n.input(0)), value(n.input(1)));
                case "Range" -> range(n);
                // A running count of a 0/1 mask (RoBERTa: of input_ids ≠ padding): at most L.
                case "CumSum" -> new Positions(0, Long.MAX_VALUE, false);
                default -> null;
            };
        }

        private static Ints ints(Initializer t) {
            long[] v = t.integers();
            return v == null ? null : new Ints(v, t.dims());
        }

        private static int shapeStart(Node shape, Input of) {
            Attribute start = shape.attribute("start");
            long s = start == null ? 0 : start.i(0);
            int rank = of.dims() == null ? 0 : of.dims().size();
            return (int) (s < 0 ? s + rank : s);
        }

        /** Gather(Shape(x), i): x's dimension i, the sequence length when it is a free dimension after the batch. */
        private Value gather(Node n) {
            if (value(n.input(0)) instanceof ShapeOf s && value(n.input(1)) instanceof Ints i && i.isScalar()) {
                return dimension(s, i.values()[0]);
            }
            return null;
        }

        private static Value dimension(ShapeOf s, long index) {
            List<Dim> dims = s.of().dims();
            if (dims == null) {
                return null;
            }
            long axis = index < 0 ? index + dims.size() - s.start() : index;
            long d = axis + s.start();
            // Dimension 0 is the batch; a fixed dimension is not a length the caller chooses.
            return d >= 1 && d < dims.size() && !dims.get((int) d).isFixed() ? new Length(0) : null;
        }

        private Value slice(Node n) {
            Value data = value(n.input(0));
            Value starts = value(n.input(1));
            Value ends = value(n.input(2));
            Value axes = value(n.input(3));
            Value steps = value(n.input(4));
            if (!(starts instanceof Ints s) || !s.isScalar()) {
                return null;
            }
            boolean unitSteps = n.input(4).isEmpty() || steps instanceof Ints st && st.isScalar() && st.values()[0] == 1;
            if (!unitSteps || !n.input(3).isEmpty() && axes == null) {
                return null;
            }
            if (data instanceof ShapeOf shape && ends instanceof Ints e && e.isScalar() && e.values()[0] == s.values()[0] + 1) {
                return dimension(shape, s.values()[0]);
            }
            if (data instanceof Ints buffer && buffer.isCounting() && ends instanceof Length end && sliceAlongLongAxis(buffer, axes)) {
                // values buffer[start … L + c − 1]: largest L + c − 1 + buffer[0]; only L + c ≤ P of them exist.
                long length = buffer.values().length;
                return new Positions(end.c() - 1 + buffer.values()[0], length - end.c(), false);
            }
            return null;
        }

        /**
         * The slice runs along the buffer's one dimension longer than 1 ([1, P] position_ids, or [P]);
         * a buffer reshaped on the way has no dims left and is taken as it counts.
         */
        private static boolean sliceAlongLongAxis(Ints buffer, Value axes) {
            long[] dims = buffer.dims();
            if (dims == null) {
                return axes == null || axes instanceof Ints a && a.isScalar();
            }
            int longAxis = -1;
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] > 1) {
                    if (longAxis >= 0) {
                        return false;
                    }
                    longAxis = i;
                }
            }
            if (axes == null) {
                return longAxis == 0;
            }
            if (!(axes instanceof Ints a) || !a.isScalar()) {
                return false;
            }
            long axis = a.values()[0] < 0 ? a.values()[0] + dims.length : a.values()[0];
            return axis == longAxis;
        }

        private static Value add(Value a, Value b, int sign) {
            if (a instanceof Ints x && b instanceof Ints y && x.isScalar() && y.isScalar()) {
                return new Ints(new long[] {x.values()[0] + sign * y.values()[0]}, null);
            }
            if (b instanceof Ints y && y.isScalar()) {
                long d = sign * y.values()[0];
                if (a instanceof Length l) {
                    return new Length(l.c() + d);
                }
                if (a instanceof Positions p) {
                    return p.plus(d);
                }
            }
            if (sign > 0 && a instanceof Ints x && x.isScalar()) {
                return add(b, a, 1);
            }
            return null;
        }

        /** Positions times a 0/1 mask (RoBERTa zeroes its padding): the largest index stays. */
        private static Value mul(Value a, Value b) {
            if (a instanceof Positions p && isMask(b)) {
                return p;
            }
            if (b instanceof Positions p && isMask(a)) {
                return p;
            }
            return null;
        }

        private static boolean isMask(Value v) {
            if (v instanceof Ints c) {
                for (long x : c.values()) {
                    if (x != 0 && x != 1) {
                        return false;
                    }
                }
                return true;
            }
            return !(v instanceof Length) && !(v instanceof Positions);
        }

        /** Range(start, L + c, 1): start … L + c − 1. */
        private Value range(Node n) {
            if (value(n.input(0)) instanceof Ints start && start.isScalar()
                    && value(n.input(1)) instanceof Length limit
                    && value(n.input(2)) instanceof Ints delta && delta.isScalar() && delta.values()[0] == 1) {
                return new Positions(limit.c() - 1, Long.MAX_VALUE, false);
            }
            return null;
        }
    }
}
