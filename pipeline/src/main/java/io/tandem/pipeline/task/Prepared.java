package io.tandem.pipeline.task;

import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tensors preprocessing made, by model input name, in the manifest's input order. */
public final class Prepared {
    private final Map<String, Tensor> feeds;

    public Prepared(Map<String, Tensor> feeds) {
        this.feeds = new LinkedHashMap<>(feeds);
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
}
