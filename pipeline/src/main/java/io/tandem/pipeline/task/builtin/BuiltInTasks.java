package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.task.TandemExtension;
import io.tandem.pipeline.task.TaskType;

import java.util.Arrays;

/** The tasks Tandem ships, registered the way a team's own are (see {@link TandemExtension}). */
public final class BuiltInTasks implements TandemExtension {
    @Override
    public void register(Registrar r) {
        r.preprocessor(ImageInput.TYPE);
        r.preprocessor(DigitImageInput.TYPE);
        r.preprocessor(WordPieceInput.TYPE);
        r.preprocessor(TabularInput.TYPE);
        r.postprocessor(ClassScores.SOFTMAX);
        r.postprocessor(ClassScores.SIGMOID);
        r.postprocessor(ClassScores.PROBABILITIES);
        r.postprocessor(EmbeddingOutput.TYPE);
        r.postprocessor(EmbeddingOutput.MEAN_POOL_L2);
        r.postprocessor(ValuesOutput.TYPE);
        r.postprocessor(TokenSpansOutput.TYPE);

        r.task(new TaskType("image-classification", "An image → its labels with probabilities.",
                Arrays.asList("image", "digit-image"), Arrays.asList("softmax", "sigmoid", "probabilities")));
        r.task(new TaskType("text-classification", "A text → its labels with probabilities (sentiment, topic, intent …).",
                Arrays.asList("bert-wordpiece"), Arrays.asList("softmax", "sigmoid", "probabilities")));
        r.task(new TaskType("text-embedding", "A text → a vector; close vectors mean close meanings (search, clustering).",
                Arrays.asList("bert-wordpiece"), Arrays.asList("embedding", "mean-pool-l2")));
        r.task(new TaskType("token-classification", "A text → its named entities, as spans with offsets into the text (NER).",
                Arrays.asList("bert-wordpiece"), Arrays.asList("token-spans")));
        r.task(new TaskType("tabular-classification", "A record of features → its labels with probabilities.",
                Arrays.asList("tabular"), Arrays.asList("softmax", "probabilities", "sigmoid")));
        r.task(new TaskType("tabular-regression", "A record of features → one or more numbers.",
                Arrays.asList("tabular"), Arrays.asList("values")));
    }
}
