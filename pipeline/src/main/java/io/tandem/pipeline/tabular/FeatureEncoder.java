package io.tandem.pipeline.tabular;

import java.util.List;
import java.util.Map;

/** One named feature of a record → its columns of the model's input vector. */
public interface FeatureEncoder {
    String name();

    /** How many columns this feature fills. */
    int width();

    /** Names of the columns, in order ("island=Biscoe"); for reports and for trainers that name features. */
    List<String> columns();

    /**
     * Writes this feature's columns into {@code out} from {@code offset}.
     *
     * @param value the record's value: a {@link Number}, a {@link String}, or null when missing
     * @throws io.tandem.pipeline.task.InvalidInputException when the value cannot be encoded
     */
    void encode(Object value, float[] out, int offset);

    /** This feature's entry of the manifest's {@code features} list. */
    Map<String, Object> toJson();
}
