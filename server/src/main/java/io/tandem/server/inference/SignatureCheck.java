package io.tandem.server.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.tensor.DType;

import java.util.List;
import java.util.Map;

/** Compares a loaded model's inputs and outputs with its manifest: "expected X, found Y". */
final class SignatureCheck {
    private SignatureCheck() {
    }

    static void check(String what, List<TensorSpec> expected, Map<String, NodeInfo> found) throws OrtException {
        if (!found.keySet().equals(names(expected))) {
            throw new IllegalStateException(what + ": expected " + names(expected) + ", found " + found.keySet());
        }
        for (TensorSpec spec : expected) {
            NodeInfo node = found.get(spec.name());
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new IllegalStateException(what + " '" + spec.name() + "': expected a tensor, found " + node.getInfo());
            }
            String actual = dtypeName(info);
            if (!actual.equals(spec.dtype().wireName())) {
                throw new IllegalStateException(what + " '" + spec.name() + "': expected " + spec.dtype().wireName()
                        + ", found " + actual);
            }
            if (info.getShape().length != spec.dims().size()) {
                throw new IllegalStateException(what + " '" + spec.name() + "': expected rank " + spec.dims().size()
                        + ", found " + info.getShape().length);
            }
        }
    }

    /** onnxruntime's Java view of the element type, named as the manifest names it. */
    private static String dtypeName(TensorInfo info) {
        return switch (info.type) {
            case FLOAT -> DType.FLOAT32.wireName();
            case INT64 -> DType.INT64.wireName();
            case INT32 -> DType.INT32.wireName();
            case INT8 -> DType.INT8.wireName();
            case UINT8 -> DType.UINT8.wireName();
            case FLOAT16 -> DType.FLOAT16.wireName();
            default -> info.type.name().toLowerCase();
        };
    }

    private static java.util.Set<String> names(List<TensorSpec> specs) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (TensorSpec s : specs) {
            out.add(s.name());
        }
        return out;
    }
}
