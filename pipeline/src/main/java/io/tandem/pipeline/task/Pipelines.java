package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;

/** Picks the pipeline for a bundle from its task: the one switch both runtimes share. */
public final class Pipelines {
    private Pipelines() {
    }

    public static TaskPipeline forBundle(Manifest manifest, BundleFiles files) {
        switch (manifest.task()) {
            case IMAGE_CLASSIFICATION:
                return new DigitClassifier(manifest);
            case TEXT_EMBEDDING:
                return new SentenceEmbedder(manifest, files);
            case TABULAR_CLASSIFICATION:
                return new TabularClassifier(manifest);
            default:
                throw new IllegalArgumentException("no pipeline for task " + manifest.task().wireName());
        }
    }
}
