/**
 * Tabular preprocessing: one record of named features → the float vector a tabular model reads.
 *
 * <p>The manifest's {@code preprocessing} block for {@code tabular-classification}:
 *
 * <pre>{@code
 * {
 *   "type": "tabular",
 *   "input": "input",                       // the model input the vector feeds, shape [batch, width]
 *   "features": [
 *     {"name": "bill_length_mm", "kind": "numeric", "mean": 43.9208984375, "std": 5.4599609375, "missing": "mean"},
 *     {"name": "island", "kind": "categorical", "categories": ["Biscoe", "Dream", "Torgersen"], "missing": "all-zero"}
 *   ]
 * }
 * }</pre>
 *
 * <p>The vector is the features' columns in the listed order: a numeric feature is one column,
 * {@code (x - mean) / std}; a categorical feature is one column per category in the listed order,
 * 1 for the record's category and 0 for the others (one-hot).
 *
 * <p>Missing values (the feature absent from the record, or JSON null): numeric {@code "missing":
 * "mean"} puts the training mean in, which standardises to exactly 0; categorical {@code "missing":
 * "all-zero"} leaves every one of its columns 0. These are the only policies; a record may leave
 * any feature out.
 *
 * <p>Refused with {@link io.tandem.pipeline.task.InvalidInputException}: a feature name the model
 * does not have; a numeric feature given as anything but a finite number; a categorical feature
 * given as anything but a string; a category the model was not trained on (the message lists the
 * known ones — guessing "missing" for a typo would give a confident wrong answer).
 *
 * <p>Parity: every step is done in {@code double} and rounded to {@code float} once, when stored,
 * so the JVM, TeaVM's JavaScript (float64 arithmetic) and TeaVM's WebAssembly (real f32 and f64)
 * give the same bits. The converter writes {@code mean} and {@code std} as multiples of 2<sup>-20</sup>
 * so their decimal form parses to the same double in every runtime, and trains the model on
 * vectors made by this very encoder.
 */
package io.tandem.pipeline.tabular;
