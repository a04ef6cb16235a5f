package io.tandem.converter.engine;

import io.tandem.converter.ConverterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inference engines a variant can be measured on, and which one each device means: the browser
 * devices run ONNX Runtime Web (its WASM build, in Node.js here), the server runs onnxruntime Java.
 * A variant is judged on the engine it runs on: int8 kernels differ between them (and, for
 * onnxruntime's native ones, between CPUs), so a figure from one says little about the other.
 */
public enum Engine {
    /** onnxruntime Java, the server's engine (native CPU kernels of the machine that runs it). */
    JAVA("java", "onnxruntime"),
    /** ONNX Runtime Web's WASM build, the browser's engine; the same bits on every CPU. */
    WEB("web", "onnxruntime-web");

    private final String wireName;
    private final String engineName;

    Engine(String wireName, String engineName) {
        this.wireName = wireName;
        this.engineName = engineName;
    }

    public String wireName() {
        return wireName;
    }

    /** The name a manifest records: {@code onnxruntime} or {@code onnxruntime-web}. */
    public String engineName() {
        return engineName;
    }

    /** The engine that runs a device: wasm and webgpu are the browser's, server the JVM's. */
    public static Engine forDevice(String device) {
        if (!io.tandem.pipeline.bundle.Device.wireNames().contains(device)) {
            throw new ConverterException("unknown device '" + device + "'; expected one of " + io.tandem.pipeline.bundle.Device.wireNames());
        }
        return io.tandem.pipeline.bundle.Device.fromWireName(device).isBrowser() ? WEB : JAVA;
    }

    /** The engines a variant's devices need, browser first (it is the primary: most variants exist for it). */
    public static List<Engine> forDevices(List<String> devices) {
        List<Engine> out = new ArrayList<>();
        for (Engine e : values()) {
            if (devices.stream().anyMatch(d -> forDevice(d) == e)) {
                out.add(e);
            }
        }
        out.sort((a, b) -> a == WEB ? -1 : b == WEB ? 1 : 0);
        return out;
    }

    /** {@code --engine}: auto (by devices), java, web or both. Returns null for auto. */
    public static List<Engine> parseChoice(String choice) {
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "java" -> List.of(JAVA);
            case "web" -> List.of(WEB);
            case "both" -> List.of(WEB, JAVA);
            default -> throw new ConverterException("unknown --engine '" + choice + "'; expected auto, web, java or both");
        };
    }

    public static Engine fromEngineName(String name) {
        for (Engine e : values()) {
            if (e.engineName.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Loads a model in this engine. */
    public ModelRunner open(byte[] model, String name) {
        return this == JAVA ? new OrtModel(model, name) : OrtWebModel.open(model, name);
    }
}
