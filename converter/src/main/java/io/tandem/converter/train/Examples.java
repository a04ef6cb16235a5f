package io.tandem.converter.train;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.tabular.CategoricalFeature;
import io.tandem.pipeline.tabular.FeatureEncoder;
import io.tandem.pipeline.tabular.NumericFeature;
import io.tandem.pipeline.tabular.TabularEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The data's records as the model's callers will send them: feature wire name → number, string or
 * null, with the class label beside. Rows without a label are dropped; categories the encoder does
 * not know (a stray "." in the data) become missing, and are counted so the run can say so.
 */
public final class Examples {
    /** The encoder's statistics are rounded to multiples of 2^-10: exact in a short decimal, so the
     *  manifest's text parses to the same double in the JVM and in the browser. */
    static final double GRID = 1024;

    private final List<Map<String, Object>> records;
    private final List<String> labels;
    private final List<Integer> rowNumbers;

    private Examples(List<Map<String, Object>> records, List<String> labels, List<Integer> rowNumbers) {
        this.records = records;
        this.labels = labels;
        this.rowNumbers = rowNumbers;
    }

    public static Examples from(Table table, TrainSpec spec) {
        table.requireColumn(spec.target(), "target");
        for (TrainSpec.Column c : spec.features()) {
            table.requireColumn(c.column(), "feature");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<Map<String, Object>> rows = table.rows();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            Object label = row.get(spec.target());
            if (label == null) {
                continue;
            }
            if (!(label instanceof String)) {
                throw new ConverterException("record " + i + ": target column '" + spec.target() + "' must be a string, found " + label);
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (TrainSpec.Column c : spec.features()) {
                Object v = row.get(c.column());
                if (v != null && c.numeric() && !(v instanceof Number)) {
                    throw new ConverterException("record " + i + ": column '" + c.column() + "' must be a number, found '" + v + "'");
                }
                if (v != null && !c.numeric() && !(v instanceof String)) {
                    throw new ConverterException("record " + i + ": column '" + c.column() + "' must be a string, found " + v);
                }
                record.put(c.name(), v);
            }
            records.add(record);
            labels.add((String) label);
            rowNumbers.add(i);
        }
        return new Examples(records, labels, rowNumbers);
    }

    public int size() {
        return records.size();
    }

    public Map<String, Object> record(int i) {
        return records.get(i);
    }

    public String label(int i) {
        return labels.get(i);
    }

    /** The record's index in the data file. */
    public int rowNumber(int i) {
        return rowNumbers.get(i);
    }

    /** Fits the encoder on the given rows only (the training split): means, stds and categories. */
    public TabularEncoder fit(TrainSpec spec, List<Integer> rows, String inputName) {
        List<FeatureEncoder> features = new ArrayList<>();
        for (TrainSpec.Column c : spec.features()) {
            if (c.numeric()) {
                features.add(numeric(c.name(), rows));
            } else {
                features.add(new CategoricalFeature(c.name(), c.categories() != null ? c.categories() : seen(c.name(), rows)));
            }
        }
        return new TabularEncoder(inputName, features);
    }

    private NumericFeature numeric(String name, List<Integer> rows) {
        double sum = 0;
        int n = 0;
        for (int r : rows) {
            Object v = records.get(r).get(name);
            if (v != null) {
                sum += ((Number) v).doubleValue();
                n++;
            }
        }
        if (n == 0) {
            throw new ConverterException("feature '" + name + "' has no values in the training split");
        }
        double mean = sum / n;
        double squares = 0;
        for (int r : rows) {
            Object v = records.get(r).get(name);
            if (v != null) {
                double d = ((Number) v).doubleValue() - mean;
                squares += d * d;
            }
        }
        double std = onGrid(Math.sqrt(squares / n));
        if (!Double.isFinite(mean) || !Double.isFinite(std)) {
            // Values near a double's limit overflow the sums: the encoder would write Infinity or NaN into the manifest.
            throw new ConverterException("feature '" + name + "' has values too large to standardise (mean " + mean + ", std " + std + ")");
        }
        if (std <= 0) {
            throw new ConverterException("feature '" + name + "' is constant in the training split; it cannot be standardised");
        }
        return new NumericFeature(name, onGrid(mean), std);
    }

    static double onGrid(double v) {
        return Math.rint(v * GRID) / GRID;
    }

    private List<String> seen(String name, List<Integer> rows) {
        TreeSet<String> values = new TreeSet<>();
        for (int r : rows) {
            Object v = records.get(r).get(name);
            if (v != null) {
                values.add((String) v);
            }
        }
        if (values.isEmpty()) {
            throw new ConverterException("feature '" + name + "' has no values in the training split");
        }
        return new ArrayList<>(values);
    }

    /**
     * Sets values outside the encoder's categories to missing, for training and scoring; callers of
     * the finished model get an error for them instead.
     *
     * @return how many values were changed, by feature name (only those with any)
     */
    public Map<String, Integer> dropUnknownCategories(TabularEncoder encoder) {
        Map<String, Integer> dropped = new LinkedHashMap<>();
        for (FeatureEncoder f : encoder.features()) {
            if (!(f instanceof CategoricalFeature cat)) {
                continue;
            }
            List<String> known = cat.categories();
            for (Map<String, Object> record : records) {
                Object v = record.get(f.name());
                if (v != null && !known.contains(v)) {
                    record.put(f.name(), null);
                    dropped.merge(f.name(), 1, Integer::sum);
                }
            }
        }
        return dropped;
    }
}
