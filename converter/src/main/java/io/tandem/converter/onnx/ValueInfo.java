package io.tandem.converter.onnx;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A graph input or output as the model declares it. {@code kind} is "tensor" for tensors (the only
 * kind bundles carry), otherwise "sequence", "map", "optional" or "sparse_tensor"; {@code dims} is
 * null when the rank is not declared.
 */
public record ValueInfo(String name, String kind, ElementType elementType, List<Dim> dims) {
    public boolean isTensor() {
        return "tensor".equals(kind);
    }

    /** {@code float32 [?, 1, 28, 28]}, or {@code sequence} for non-tensors. */
    public String typeString() {
        if (!isTensor()) {
            return kind;
        }
        return elementType.wireName() + " " + shapeString();
    }

    /**
     * Null when a tensor of {@code shape} fits this declaration, else why not, naming the tensor
     * {@code 'name'}: {@code expected 28 (dimension 2 of 'input_image'), found 224}. See {@link ShapeFit}.
     */
    public String fits(int[] shape) {
        return new ShapeFit().check(this, "", shape);
    }

    /** {@link #fits(int[])} naming the tensor's role: {@code expected 28 (dimension 2 of input 'input_image'), found 224}. */
    public String fits(String role, int[] shape) {
        return new ShapeFit().check(this, role, shape);
    }

    public String fits(String role, long[] shape) {
        return new ShapeFit().check(this, role, shape);
    }

    public String shapeString() {
        if (dims == null) {
            return "[unknown rank]";
        }
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
