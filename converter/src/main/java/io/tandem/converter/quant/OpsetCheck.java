package io.tandem.converter.quant;

import io.tandem.converter.ConverterException;
import io.tandem.converter.onnx.Node;
import io.tandem.converter.onnx.OnnxFile;

import java.util.Set;
import java.util.TreeSet;

/**
 * DynamicQuantizeLinear needs ai.onnx opset 11. An older model may be raised to 11 only when every
 * operator it uses means the same at 11 as at its own opset (checked against the operator
 * changelog for opsets 7 to 11); anything else is refused rather than silently reinterpreted.
 */
final class OpsetCheck {
    static final long INT8_OPSET = 11;
    static final long OLDEST = 7;
    /** Operators whose behaviour (for valid models of opset 7–10) is unchanged at opset 11. */
    private static final Set<String> SAME_AT_11 = Set.of("Add", "Sub", "Mul", "Div", "MatMul", "Gemm", "Conv",
            "Relu", "Sigmoid", "Tanh", "MaxPool", "AveragePool", "GlobalAveragePool", "Reshape", "Flatten",
            "Softmax", "LogSoftmax", "Constant", "Transpose", "Concat", "Gather", "Shape", "Unsqueeze", "Squeeze",
            "Identity", "Cast", "Sqrt", "Pow", "Erf", "ReduceMean", "Dropout", "BatchNormalization");

    private OpsetCheck() {
    }

    static void raiseForInt8(OnnxFile model, String name) {
        long opset = model.opset();
        if (opset >= INT8_OPSET) {
            return;
        }
        if (opset < OLDEST) {
            throw new ConverterException("unsupported opset: " + name + " uses ai.onnx opset " + opset + "; expected " + OLDEST + " or later");
        }
        Set<String> unknown = new TreeSet<>();
        for (Node n : model.graph().nodes()) {
            if (!n.isStandard() || !SAME_AT_11.contains(n.opType())) {
                unknown.add(n.opType());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConverterException("unsupported opset: int8 needs ai.onnx opset " + INT8_OPSET + ", " + name + " has "
                    + opset + " and uses " + unknown + ", which may change meaning at " + INT8_OPSET);
        }
        model.setDefaultOpset(INT8_OPSET);
    }
}
