package io.tandem.pipeline.task;

/**
 * What a task's result is, as far as checking a variant against fp32 goes: the converter switches
 * on this (and on {@link InputKind}), never on the task.
 */
public enum OutputKind {
    /** One vector per input, compared by cosine similarity. */
    EMBEDDING,
    /**
     * Rows of probabilities over the bundle's labels (one row for a classifier, one per token for
     * token classification), compared by top-1 agreement per row and the largest difference.
     */
    CLASS_SCORES,
    /** Plain numbers (regression), compared by their largest absolute difference. */
    VALUES
}
