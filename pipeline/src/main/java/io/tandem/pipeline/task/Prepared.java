package io.tandem.pipeline.task;

import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors preprocessing made, by model input name, in the manifest's input order, and what
 * else the postprocessing of this one input needs to know about it (the tokenizer's offsets into
 * the original text, for token spans). The context never leaves the process: it is not batched,
 * sent or cached.
 */
public final class Prepared {
    private final Map<String, Tensor> feeds;
    private final Object context;

    public Prepared(Map<String, Tensor> feeds) {
        this(feeds, null);
    }

    public Prepared(Map<String, Tensor> feeds, Object context) {
        this.feeds = new LinkedHashMap<>(feeds);
        this.context = context;
    }

    public Map<String, Tensor> feeds() {
        return new LinkedHashMap<>(feeds);
    }

    public Tensor feed(String name) {
        Tensor t = feeds.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no input tensor named '" + name + "'");
        }
        return t;
    }

    /** What the preprocessor kept for its postprocessor, or null. */
    public Object context() {
        return context;
    }
}
