package io.tandem.converter.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import io.tandem.converter.ConverterVersion;

/**
 * The version each engine runs at, known without starting it: onnxruntime Java's from its native
 * library, ONNX Runtime Web's from the files this converter carries (stamped at build time).
 */
public final class EngineVersions {
    private EngineVersions() {
    }

    public static String of(Engine engine) {
        return engine == Engine.JAVA
                ? OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter").getVersion()
                : ConverterVersion.ortWebVersion();
    }
}
