package io.tandem.pipeline.bundle;

import io.tandem.pipeline.recipe.RecipeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a variant runs: the words manifests, recipes, the converter's options and the client's
 * {@code device} choice share. One list, so a fourth device is one constant.
 */
public enum Device {
    WASM("wasm", true),
    WEBGPU("webgpu", true),
    SERVER("server", false);

    private final String wireName;
    private final boolean browser;

    Device(String wireName, boolean browser) {
        this.wireName = wireName;
        this.browser = browser;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the browser's devices (ONNX Runtime Web), false for the server (onnxruntime Java). */
    public boolean isBrowser() {
        return browser;
    }

    /** @throws RecipeException "expected one of [wasm, webgpu, server], found 'x'" */
    public static Device fromWireName(String name) {
        for (Device d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        throw new RecipeException("device: expected one of " + wireNames() + ", found '" + name + "'");
    }

    public static List<String> wireNames() {
        List<String> names = new ArrayList<>();
        for (Device d : values()) {
            names.add(d.wireName);
        }
        return names;
    }
}
