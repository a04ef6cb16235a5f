package io.tandem.converter.validate;

import io.tandem.pipeline.tabular.CategoricalFeature;
import io.tandem.pipeline.tabular.FeatureEncoder;
import io.tandem.pipeline.tabular.NumericFeature;
import io.tandem.pipeline.tabular.TabularEncoder;
import io.tandem.pipeline.task.ModelInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Records to compare a tabular model's variants on when the caller has none: each numeric feature
 * drawn around its training mean (±2.5 standard deviations), each categorical one of its
 * categories, and now and then a feature missing — from a fixed seed, so every machine draws the
 * same records.
 */
final class SyntheticRecords {
    static final int COUNT = 256;
    private static final long SEED = 20261203L;

    private SyntheticRecords() {
    }

    static List<ModelInput> of(TabularEncoder encoder) {
        Random random = new Random(SEED);
        List<ModelInput> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (FeatureEncoder f : encoder.features()) {
                if (random.nextInt(20) == 0) {
                    record.put(f.name(), null);
                } else if (f instanceof NumericFeature n) {
                    record.put(f.name(), n.mean() + n.std() * (random.nextDouble() * 5 - 2.5));
                } else if (f instanceof CategoricalFeature c) {
                    record.put(f.name(), c.categories().get(random.nextInt(c.categories().size())));
                }
            }
            out.add(ModelInput.features(record));
        }
        return out;
    }
}
