package io.tandem.pipeline.tensor;

import java.util.Arrays;

/**
 * A dense row-major tensor of float32 or int64 values: the unit of exchange between the
 * pipeline and a runtime (ONNX Runtime Web in the browser, onnxruntime Java on the server).
 */
public final class Tensor {
    private final DType dtype;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    private Tensor(DType dtype, int[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
        int expected = elementCount(shape);
        int actual = floats != null ? floats.length : longs.length;
        if (expected != actual) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + expected + " values, found " + actual);
        }
    }

    public static Tensor ofFloats(int[] shape, float[] data) {
        return new Tensor(DType.FLOAT32, shape, data, null);
    }

    public static Tensor ofLongs(int[] shape, long[] data) {
        return new Tensor(DType.INT64, shape, null, data);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return elementCount(shape);
    }

    /** The backing array (not a copy): tensors are handed to runtimes without copying. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor is " + dtype.wireName() + ", not float32");
        }
        return floats;
    }

    /** The backing array (not a copy). */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("tensor is " + dtype.wireName() + ", not int64");
        }
        return longs;
    }

    public static int elementCount(int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Tensor(" + dtype.wireName() + Arrays.toString(shape) + ")";
    }
}
