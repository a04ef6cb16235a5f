package io.tandem.client;

/**
 * Where a model runs, as pages name it. One table: the wire name, the ONNX Runtime Web module
 * that serves it (none for the server) and the execution provider asked of that module.
 */
public enum Device {
    /** Let the client choose ({@link Router}: WebGPU on a hardware adapter, else WASM, else the server). */
    AUTO("auto", null, null),
    WASM("wasm", "ort.wasm.min.mjs", "wasm"),
    WEBGPU("webgpu", "ort.webgpu.min.mjs", "webgpu"),
    SERVER("server", null, null);

    private final String wireName;
    private final String ortModule;
    private final String executionProvider;

    Device(String wireName, String ortModule, String executionProvider) {
        this.wireName = wireName;
        this.ortModule = ortModule;
        this.executionProvider = executionProvider;
    }

    public String wireName() {
        return wireName;
    }

    /** The file under {@code /ort/} whose ES module runs this device; null where nothing runs in the page. */
    public String ortModule() {
        return ortModule;
    }

    /** The name ONNX Runtime Web knows the execution provider by; null where nothing runs in the page. */
    public String executionProvider() {
        return executionProvider;
    }

    /** Whether the model runs inside the page (true) or on the server (false). */
    public boolean runsInPage() {
        return ortModule != null;
    }

    /** The concrete device a preference stands for when nothing is known of the browser ({@link Router} decides in a page). */
    public Device resolve() {
        return this == AUTO ? WASM : this;
    }

    /** Reads a page's preference; a missing one means {@link #AUTO}. */
    public static Device fromWireName(String name) {
        if (name == null || name.isEmpty()) {
            return AUTO;
        }
        for (Device d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Device d : values()) {
            known.append(known.length() == 0 ? "" : ", ").append('\'').append(d.wireName).append('\'');
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; expected one of " + known);
    }
}
