package io.tandem.converter.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a figure was measured, as the manifest records it beside the figure: the engine, its version,
 * its backend and thread count, and the CPU of the machine. ORT Web's WASM computes the same bits on
 * every CPU; onnxruntime's native int8 kernels do not (VNNI, AVX2 and ARM paths differ), so a
 * figure from the server's engine is only known to hold on a CPU like the one named.
 */
public record MeasuredOn(Engine engine, String version, String backend, int threads, String cpu) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine.engineName());
        m.put("version", version);
        m.put("backend", backend);
        m.put("threads", (long) threads);
        m.put("cpu", cpu);
        return m;
    }

    /** One line for reports: "onnxruntime-web 1.29.0 wasm, 1 thread, x86_64 …". */
    public String describe() {
        return engine.engineName() + " " + version + " " + backend + ", " + threads + (threads == 1 ? " thread" : " threads") + ", " + cpu;
    }

    /** True when a recorded figure came from this engine at this version (then it need not be measured again). */
    public static boolean sameEngine(Object recorded, Engine engine, String version) {
        if (!(recorded instanceof Map<?, ?> m)) {
            return false;
        }
        return engine.engineName().equals(m.get("engine")) && version.equals(m.get("version"));
    }
}
