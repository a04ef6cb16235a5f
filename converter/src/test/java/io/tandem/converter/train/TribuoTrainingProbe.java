package io.tandem.converter.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Trains {@link TribuoTraining} on made-up vectors, for tests that need its model and its export. */
public final class TribuoTrainingProbe {
    private final TribuoTraining training;

    private TribuoTrainingProbe(TribuoTraining training) {
        this.training = training;
    }

    /** Three classes, each decided by a different column, on 90 random vectors. */
    public static TribuoTrainingProbe train(List<String> columns, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            float[] v = new float[columns.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            int best = 0;
            for (int j = 1; j < 3; j++) {
                if (v[j] > v[best]) {
                    best = j;
                }
            }
            vectors.add(v);
            labels.add("class" + best);
        }
        return new TribuoTrainingProbe(TribuoTraining.train(vectors, labels, columns,
                new TrainSpec.Settings(5, 0.5, 1, seed), "probe"));
    }

    public byte[] onnx() {
        return training.onnx("test", 1);
    }

    /** Tribuo's probabilities, in the model's output order. */
    public double[] predict(float[] vector) {
        return training.predict(vector);
    }
}
