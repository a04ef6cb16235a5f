package com.example.sentiment;

import io.tandem.pipeline.task.TandemExtension;
import io.tandem.pipeline.task.TaskType;

import java.util.Arrays;

/**
 * Registers the team's task with Tandem. Named in
 * {@code META-INF/services/io.tandem.pipeline.task.TandemExtension}: the JVM's ServiceLoader finds it
 * in the server and the converter, TeaVM finds it when it compiles this module's tandem.js. It needs
 * a public constructor with no parameters.
 */
public final class SentimentExtension implements TandemExtension {
    /** The manifest's {@code task}. */
    public static final String TASK = "text-sentiment";

    @Override
    public void register(Registrar registrar) {
        // The new postprocessing type first: the task below names it, and the registry checks that it exists.
        registrar.postprocessor(SentimentOutput.TYPE);
        // The text goes through Tandem's own BERT WordPiece preprocessing; only the result is new.
        registrar.task(new TaskType(TASK, "A text -> its sentiment (positive or negative), a score from -1 to 1 and the label probabilities.",
                Arrays.asList("bert-wordpiece"), Arrays.asList(SentimentOutput.NAME)));
    }
}
