package io.tandem.converter.train;

import ai.onnx.proto.OnnxMl;
import io.tandem.converter.ConverterException;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains a Tribuo linear classifier on encoded vectors and exports it to ONNX.
 *
 * <p>Tribuo's exported model reads its input vector in the order of its feature-id map, which
 * sorts feature names. Column i is therefore named {@code c0000…} by its index, so sorted order is
 * the encoder's order, and {@link #train} checks that every column got the id it must have.
 */
public final class TribuoTraining {
    /** Keeps Tribuo's per-epoch INFO logging out of the converter's output. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    private final LinearSGDModel model;
    private final String[] columnNames;

    private TribuoTraining(LinearSGDModel model, String[] columnNames) {
        this.model = model;
        this.columnNames = columnNames;
    }

    /** Tribuo's name for column {@code i} of the vector: sorts in column order ("c0003:island=Dream"). */
    static String columnName(int i, String readable) {
        return String.format("c%04d:%s", i, readable);
    }

    public static TribuoTraining train(List<float[]> vectors, List<String> labels, List<String> columns,
                                       TrainSpec.Settings settings, String dataName) {
        TRIBUO_LOG.setLevel(Level.WARNING);
        String[] names = new String[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columnName(i, columns.get(i));
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(dataName, factory), factory);
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new ArrayExample<>(new Label(labels.get(i)), names, widen(vectors.get(i))));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(settings.learningRate()),
                settings.epochs(), Integer.MAX_VALUE, settings.minibatchSize(), settings.seed());
        LinearSGDModel model = trainer.train(data);
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        if (ids.size() != names.length) {
            throw new ConverterException("Tribuo kept " + ids.size() + " of " + names.length
                    + " columns (a column that is 0 in every training record is dropped); expected all of them");
        }
        for (int i = 0; i < names.length; i++) {
            if (ids.getID(names[i]) != i) {
                throw new ConverterException("Tribuo put column '" + names[i] + "' at " + ids.getID(names[i]) + ", expected " + i);
            }
        }
        return new TribuoTraining(model, names);
    }

    /** The classes in the order of the model's output columns. */
    public List<String> labels() {
        ImmutableOutputInfo<Label> info = model.getOutputIDInfo();
        List<String> out = new ArrayList<>(info.size());
        for (int i = 0; i < info.size(); i++) {
            out.add(info.getOutput(i).getLabel());
        }
        return out;
    }

    /** Tribuo's own probabilities for one vector, in {@link #labels()} order. */
    public double[] predict(float[] vector) {
        Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, columnNames, widen(vector)));
        Map<String, Label> scores = p.getOutputScores();
        List<String> labels = labels();
        double[] out = new double[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(labels.get(i)).getScore();
        }
        return out;
    }

    /**
     * The ONNX model, without Tribuo's provenance metadata and doc strings: they record the training
     * time and the machine, which would change the file (and the manifest's sha256) on every build.
     * The bundle's manifest carries the provenance that matters instead.
     */
    public byte[] onnx(String domain, long version) {
        OnnxMl.ModelProto proto = model.exportONNXModel(domain, version);
        return proto.toBuilder().clearMetadataProps().clearDocString()
                .setGraph(proto.getGraph().toBuilder().clearDocString())
                .build().toByteArray();
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
