package io.tandem.converter.optimize;

import io.tandem.converter.ConverterException;

import java.util.Locale;

/** The file format onnxruntime saves the optimised graph in. */
public enum ModelFormat {
    /** A standard ONNX model: any ONNX tool reads it. */
    ONNX(".onnx"),
    /**
     * ONNX Runtime's own flatbuffer format: loads faster and without protobuf, and ORT Web reads it,
     * but only onnxruntime does (no ONNX tool, not our reader).
     */
    ORT(".ort");

    private final String extension;

    ModelFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelFormat parse(String s) {
        for (ModelFormat f : values()) {
            if (f.wireName().equals(s)) {
                return f;
            }
        }
        throw new ConverterException("unknown --format '" + s + "'; expected onnx or ort");
    }

    /** The format a file name implies: .ort is ORT, anything else ONNX. */
    public static ModelFormat of(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(ORT.extension) ? ORT : ONNX;
    }
}
