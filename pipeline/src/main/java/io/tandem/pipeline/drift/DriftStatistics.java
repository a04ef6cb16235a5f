package io.tandem.pipeline.drift;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tabular.TabularEncoder;
import io.tandem.pipeline.task.SentenceEmbedder;
import io.tandem.pipeline.task.TabularClassifier;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.DType;

import java.util.Collections;
import java.util.List;

/** Picks the statistics a bundle's inputs are watched on, from its task: one switch for every runtime. */
public final class DriftStatistics {
    private DriftStatistics() {
    }

    /** @param pipeline the bundle's own pipeline (the tokenizer knows the [UNK] id) */
    public static InputStatistics forBundle(Manifest manifest, TaskPipeline pipeline) {
        JsonObject pre = manifest.preprocessing();
        switch (manifest.task()) {
            case TEXT_EMBEDDING: {
                SentenceEmbedder text = (SentenceEmbedder) pipeline;
                int unkId = text.tokenizer().vocab().id(text.tokenizer().config().unkToken());
                return new TextStatistics(pre.string("idsInput", "input_ids"), pre.string("maskInput", "attention_mask"),
                        unkId, text.tokenizer().config().maxLength());
            }
            case IMAGE_CLASSIFICATION:
                return new ImageStatistics(manifest.inputs().get(0).name(), pre.number("mean", 0), pre.number("std", 1));
            case TABULAR_CLASSIFICATION: {
                TabularEncoder encoder = ((TabularClassifier) pipeline).encoder();
                return new VectorStatistics(encoder.inputName(), encoder.columns());
            }
            default:
                return vectorOrNothing(manifest);
        }
    }

    /** A task without statistics of its own: its first input if that is a float vector, else nothing. */
    private static InputStatistics vectorOrNothing(Manifest manifest) {
        TensorSpec first = manifest.inputs().get(0);
        List<Object> dims = first.dims();
        if (first.dtype() == DType.FLOAT32 && dims.size() == 2 && dims.get(1) instanceof Number) {
            return new VectorStatistics(first.name(), ((Number) dims.get(1)).intValue());
        }
        return NONE;
    }

    /** Measures nothing: the bundle's inputs have no statistics defined. */
    public static final InputStatistics NONE = new InputStatistics() {
        @Override
        public List<Feature> features() {
            return Collections.emptyList();
        }

        @Override
        public double[] measure(io.tandem.pipeline.task.Prepared prepared) {
            return new double[0];
        }
    };
}
