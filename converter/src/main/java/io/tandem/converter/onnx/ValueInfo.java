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

    public String shapeString() {
        if (dims == null) {
            return "[unknown rank]";
        }
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
