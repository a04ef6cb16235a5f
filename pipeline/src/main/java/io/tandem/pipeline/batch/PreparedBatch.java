package io.tandem.pipeline.batch;

import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several one-row {@link Prepared} inputs stacked into one batch, and the batch's outputs split
 * back into one-row outputs.
 *
 * <p>Every feed must have batch dimension 1 and the same rank in every row. Feeds whose last axis
 * differs between rows (token sequences of different lengths) are padded at the end to the
 * longest row with the value 0: the [PAD] id of BERT vocabularies, 0 in the attention mask, and
 * segment 0. A row of the batch therefore sees its own tokens followed by masked padding, and
 * pooling with the (padded) mask gives the same vector as the unpadded row. All other axes must
 * match exactly.
 */
public final class PreparedBatch {
    private final Prepared batched;
    private final int size;

    private PreparedBatch(Prepared batched, int size) {
        this.batched = batched;
        this.size = size;
    }

    /** Stacks the rows in order; row {@code i} of the batch is {@code rows.get(i)}. */
    public static PreparedBatch stack(List<Prepared> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        Map<String, Tensor> first = rows.get(0).feeds();
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String name : first.keySet()) {
            List<Tensor> column = new ArrayList<>(rows.size());
            for (Prepared row : rows) {
                column.add(row.feed(name));
            }
            feeds.put(name, stackFeed(name, column));
        }
        for (Prepared row : rows) {
            if (!row.feeds().keySet().equals(first.keySet())) {
                throw new IllegalArgumentException("cannot batch inputs with different feeds: expected "
                        + first.keySet() + ", found " + row.feeds().keySet());
            }
        }
        return new PreparedBatch(new Prepared(feeds), rows.size());
    }

    /** The stacked feeds, batch dimension = {@link #size()}. */
    public Prepared batched() {
        return batched;
    }

    public int size() {
        return size;
    }

    /** Row {@code i} of the stacked feeds (padded as in the batch), batch dimension 1. */
    public Prepared row(int i) {
        return new Prepared(rowOf(batched.feeds(), i, size));
    }

    /** Row {@code i} of every output whose first axis is the batch, batch dimension 1. */
    public Map<String, Tensor> outputRow(Map<String, Tensor> outputs, int i) {
        return rowOf(outputs, i, size);
    }

    private static Map<String, Tensor> rowOf(Map<String, Tensor> tensors, int i, int batch) {
        if (i < 0 || i >= batch) {
            throw new IndexOutOfBoundsException("row " + i + " of a batch of " + batch);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            out.put(e.getKey(), slice(e.getKey(), e.getValue(), i, batch));
        }
        return out;
    }

    private static Tensor slice(String name, Tensor t, int i, int batch) {
        if (t.rank() == 0 || t.dim(0) != batch) {
            throw new IllegalArgumentException("'" + name + "': expected batch dimension " + batch
                    + ", found shape " + shapeText(t.shape()));
        }
        int[] shape = t.shape();
        shape[0] = 1;
        int rowSize = Tensor.elementCount(shape);
        return sliceData(t, shape, i * rowSize, rowSize);
    }

    private static Tensor sliceData(Tensor t, int[] shape, int from, int count) {
        switch (t.dtype()) {
            case FLOAT32: {
                float[] data = new float[count];
                System.arraycopy(t.floats(), from, data, 0, count);
                return Tensor.ofFloats(shape, data);
            }
            case INT64: {
                long[] data = new long[count];
                System.arraycopy(t.longs(), from, data, 0, count);
                return Tensor.ofLongs(shape, data);
            }
            default:
                throw new IllegalArgumentException("cannot batch a " + t.dtype().wireName() + " tensor");
        }
    }

    private static Tensor stackFeed(String name, List<Tensor> column) {
        Tensor first = column.get(0);
        int rank = first.rank();
        if (rank < 1) {
            throw new IllegalArgumentException("'" + name + "': a scalar cannot be batched");
        }
        int longest = 0;
        for (Tensor t : column) {
            if (t.dtype() != first.dtype() || t.rank() != rank || t.dim(0) != 1) {
                throw new IllegalArgumentException("'" + name + "': expected " + first.dtype().wireName()
                        + " of rank " + rank + " with batch dimension 1, found " + t);
            }
            for (int axis = 1; axis < rank - 1; axis++) {
                if (t.dim(axis) != first.dim(axis)) {
                    throw new IllegalArgumentException("'" + name + "': expected shape " + shapeText(first.shape())
                            + " apart from the last axis, found " + shapeText(t.shape()));
                }
            }
            longest = Math.max(longest, rank == 1 ? 1 : t.dim(rank - 1));
        }
        int[] shape = first.shape();
        shape[0] = column.size();
        if (rank > 1) {
            shape[rank - 1] = longest;
        }
        int padded = Tensor.elementCount(shape) / column.size();
        int lines = rank > 1 ? padded / longest : 1;
        switch (first.dtype()) {
            case FLOAT32: {
                float[] data = new float[padded * column.size()];
                for (int r = 0; r < column.size(); r++) {
                    Tensor t = column.get(r);
                    int width = rank > 1 ? t.dim(rank - 1) : 1;
                    for (int line = 0; line < lines; line++) {
                        System.arraycopy(t.floats(), line * width, data, r * padded + line * longest, width);
                    }
                }
                return Tensor.ofFloats(shape, data);
            }
            case INT64: {
                long[] data = new long[padded * column.size()];
                for (int r = 0; r < column.size(); r++) {
                    Tensor t = column.get(r);
                    int width = rank > 1 ? t.dim(rank - 1) : 1;
                    for (int line = 0; line < lines; line++) {
                        System.arraycopy(t.longs(), line * width, data, r * padded + line * longest, width);
                    }
                }
                return Tensor.ofLongs(shape, data);
            }
            default:
                throw new IllegalArgumentException("cannot batch a " + first.dtype().wireName() + " tensor");
        }
    }

    private static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
