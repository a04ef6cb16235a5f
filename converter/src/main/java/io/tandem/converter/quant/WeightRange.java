package io.tandem.converter.quant;

import io.tandem.converter.ConverterException;
import io.tandem.converter.engine.Engine;

import java.util.List;
import java.util.Locale;

/**
 * The integer range int8 weights are written in. It matters because of one CPU kernel: on x86
 * without VNNI (AVX2 only), onnxruntime multiplies uint8 activations by int8 weights with
 * VPMADDUBSW, which adds each pair of products into an int16 and saturates: 255·127·2 = 64,770 does
 * not fit in 32,767, so results go wrong (measured under qemu's Haswell: errors of 40 on outputs of
 * 80). VNNI, ARM's dot products and ORT Web's WASM SIMD add into int32 and never saturate.
 *
 * <ul>
 *   <li>{@link #FULL}: int8 in [-127, 127] — the most precise; for browser variants (WASM) and VNNI
 *       servers.</li>
 *   <li>{@link #REDUCED}: int8 in [-63, 63], 7 bits ("reduce_range" in ONNX Runtime's quantiser):
 *       255·63·2 fits in int16, so exact on every CPU, at half the weight resolution.</li>
 *   <li>{@link #UNSIGNED}: uint8 with zero point 128 (the full 8-bit grid shifted): onnxruntime then
 *       uses its u8×u8 kernels, which widen to int16 before multiplying and never saturate; exact
 *       on every CPU at full resolution.</li>
 * </ul>
 */
public enum WeightRange {
    FULL("full", -128, 127, false),
    REDUCED("7bit", -64, 63, false),
    UNSIGNED("u8", -128, 127, true);

    private final String wireName;
    private final int qmin;
    private final int qmax;
    private final boolean unsigned;

    WeightRange(String wireName, int qmin, int qmax, boolean unsigned) {
        this.wireName = wireName;
        this.qmin = qmin;
        this.qmax = qmax;
        this.unsigned = unsigned;
    }

    public String wireName() {
        return wireName;
    }

    /** The signed range values are rounded into (UNSIGNED shifts it by 128 afterwards). */
    public int qmin() {
        return qmin;
    }

    public int qmax() {
        return qmax;
    }

    /** True when the weights are stored as uint8 with zero point 128 (the signed grid shifted). */
    public boolean unsigned() {
        return unsigned;
    }

    /**
     * {@code auto}: full range when every device is a browser's (WASM never saturates), otherwise
     * (a server, or devices unknown) the unsigned form, exact on every CPU the server may run on.
     */
    public static WeightRange choose(String choice, List<String> devices) {
        switch (choice.toLowerCase(Locale.ROOT)) {
            case "auto" -> {
                boolean browserOnly = devices != null && !devices.isEmpty()
                        && devices.stream().allMatch(d -> Engine.forDevice(d) == Engine.WEB);
                return browserOnly ? FULL : UNSIGNED;
            }
            case "full" -> {
                return FULL;
            }
            case "7bit" -> {
                return REDUCED;
            }
            case "u8" -> {
                return UNSIGNED;
            }
            default -> throw new ConverterException("unknown --weight-range '" + choice + "'; expected auto, full, 7bit or u8");
        }
    }
}
