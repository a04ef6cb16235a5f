package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.engine.OrtModel;
import io.tandem.converter.onnx.Dim;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.ValueInfo;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves at import that the recipe's pipeline fits the model, so a bundle that imports also
 * predicts: the pipeline opens (the registry's checks of types and fields), its sample input is
 * preprocessed, every tensor it makes is checked against the model input of that name (name,
 * dtype, rank, every fixed dimension: "expected 28 … found 224"), every model input is fed, and
 * the model's answer goes through the postprocessing.
 */
public final class PipelineFit {
    private PipelineFit() {
    }

    /** Opens the pipeline: refuses unknown types and fields before anything is written. */
    public static TaskPipeline open(Manifest manifest, BundleFiles files) {
        try {
            return Tasks.open(manifest, files);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConverterException("recipe does not fit its task: " + e.getMessage(), e);
        }
    }

    /** The sample's tensors against the model's inputs; every disagreement in one line. */
    public static Prepared feeds(TaskPipeline pipeline, OnnxModel model) {
        Prepared prepared;
        try {
            prepared = pipeline.preprocess(pipeline.sampleInput());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConverterException("preprocessing fails on its own sample input: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> feeds = prepared.feeds();
        for (Map.Entry<String, Tensor> feed : feeds.entrySet()) {
            ValueInfo input = model.input(feed.getKey());
            if (input == null) {
                problems.add("preprocessing makes '" + feed.getKey() + "', but the model has no such input (inputs "
                        + names(model.inputs()) + ")");
                continue;
            }
            String problem = problem(input, feed.getValue());
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (ValueInfo input : model.inputs()) {
            if (!feeds.containsKey(input.name())) {
                problems.add("model input '" + input.name() + "' is not fed by preprocessing (it makes " + feeds.keySet() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConverterException("preprocessing does not fit the model: " + String.join("; ", problems));
        }
        return prepared;
    }

    /** Runs the model on the sample in onnxruntime and the postprocessing on its answer. */
    public static void postprocess(TaskPipeline pipeline, Prepared prepared, byte[] model, String name) {
        try (OrtModel ort = new OrtModel(model, name)) {
            Map<String, Tensor> outputs = ort.run(prepared.feeds());
            pipeline.postprocess(prepared, outputs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConverterException("postprocessing does not fit the model's output: " + e.getMessage(), e);
        }
    }

    /** Null when the tensor suits the input. */
    static String problem(ValueInfo input, Tensor t) {
        String what = "input '" + input.name() + "'";
        if (input.elementType().dtype() != t.dtype()) {
            return what + ": expected dtype " + input.elementType().wireName() + " (model), found " + t.dtype().wireName() + " (preprocessing)";
        }
        List<Dim> dims = input.dims();
        if (dims == null) {
            return null;
        }
        int[] shape = t.shape();
        if (dims.size() != shape.length) {
            return what + ": expected rank " + dims.size() + " " + input.shapeString() + " (model), found rank " + shape.length + " "
                    + java.util.Arrays.toString(shape) + " (preprocessing)";
        }
        for (int i = 0; i < shape.length; i++) {
            Dim d = dims.get(i);
            if (d.isFixed() && d.value() != shape[i]) {
                return what + ": expected " + d.value() + " (dimension " + i + " of " + input.shapeString() + ", model), found " + shape[i]
                        + " (preprocessing makes " + java.util.Arrays.toString(shape) + ")";
            }
        }
        return null;
    }

    private static List<String> names(List<ValueInfo> values) {
        return values.stream().map(ValueInfo::name).toList();
    }
}
