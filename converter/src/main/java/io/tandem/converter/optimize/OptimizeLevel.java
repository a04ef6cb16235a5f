package io.tandem.converter.optimize;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.tandem.converter.ConverterException;

import java.util.Locale;

/**
 * The onnxruntime graph optimisation levels a model for the browser may be saved at. {@code all}
 * (ORT_ENABLE_ALL) is missing on purpose: on top of {@code extended} it applies layout
 * optimisations (NCHWc blocked layouts, com.microsoft.nchwc operators) chosen for this machine's CPU
 * execution provider and instruction set; the saved graph then only runs where those kernels
 * exist, and ORT Web's WASM and WebGPU builds have none of them.
 */
public enum OptimizeLevel {
    /** Constant folding, redundant node elimination, semantics-preserving fusions in standard ONNX operators: runs everywhere. */
    BASIC(OptLevel.BASIC_OPT),
    /** Basic plus fusions into onnxruntime's com.microsoft operators (GELU, LayerNorm, attention …) for its CPU kernels. */
    EXTENDED(OptLevel.EXTENDED_OPT);

    private final OptLevel ort;

    OptimizeLevel(OptLevel ort) {
        this.ort = ort;
    }

    OptLevel ort() {
        return ort;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level a user typed; {@code all} is refused with the reason. */
    public static OptimizeLevel parse(String s) {
        for (OptimizeLevel l : values()) {
            if (l.wireName().equals(s)) {
                return l;
            }
        }
        if ("all".equals(s)) {
            throw new ConverterException("--level all is not portable to the browser: its layout optimisations (NCHWc) are chosen for "
                    + "this machine's CPU and ORT Web's WASM and WebGPU builds cannot run them; expected basic or extended");
        }
        throw new ConverterException("unknown --level '" + s + "'; expected basic or extended");
    }
}
