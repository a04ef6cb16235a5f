package io.tandem.server.inference;

/**
 * The model answered NaN or an infinity. Inputs are checked to be finite and bounded before they
 * run, so this is the model's failure on that input, not the caller's: 500 {@code non_finite_output},
 * never a success, never cached.
 */
public final class NonFiniteOutputException extends RuntimeException {
    public NonFiniteOutputException(String model) {
        super("model " + model + " produced a non-finite value (NaN or infinity) for this input", null, false, false);
    }
}
