package io.tandem.server.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.StartupException;
import io.tandem.server.models.Bundle;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bundle loaded for server-side inference: owns its onnxruntime session and options, and runs
 * the bundle's pipeline around it, the same pipeline the browser runs.
 */
public final class ServerModel implements AutoCloseable {
    /** The device this runtime reports in every result. */
    public static final String DEVICE = "server";

    private final Bundle bundle;
    private final Variant variant;
    private final TaskPipeline pipeline;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    private ServerModel(Bundle bundle, Variant variant, TaskPipeline pipeline, OrtSession.SessionOptions options, OrtSession session) {
        this.bundle = bundle;
        this.variant = variant;
        this.pipeline = pipeline;
        this.options = options;
        this.session = session;
    }

    public static ServerModel open(Bundle bundle, int intraOpThreads) {
        return open(bundle, bundle.manifest().variantFor(DEVICE), intraOpThreads);
    }

    /**
     * The same with a variant chosen by the caller, e.g. the browser's int8, so that a parity test
     * runs exactly the file the browser runs; the server itself serves {@link #open(Bundle, int)}'s.
     */
    public static ServerModel open(Bundle bundle, Variant variant, int intraOpThreads) {
        Manifest manifest = bundle.manifest();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            // Idle onnxruntime threads sleep instead of spinning: between runs the request threads
            // (parsing, tokenizing, writing JSON) need those cores.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            TaskPipeline pipeline = Tasks.open(manifest, bundle::readText);
            session = OrtEnvironment.getEnvironment().createSession(bundle.path(variant.file().path()).toString(), options);
            SignatureCheck.check("model " + manifest.id() + " inputs", manifest.inputs(), session.getInputInfo());
            SignatureCheck.check("model " + manifest.id() + " outputs", manifest.outputs(), session.getOutputInfo());
            Int8KernelCheck.warnIfSaturating(manifest.id(), variant);
            return new ServerModel(bundle, variant, pipeline, options, session);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            options.close();
            throw new StartupException("cannot load model " + manifest.id() + ": " + e.getMessage(), e);
        }
    }

    public Manifest manifest() {
        return bundle.manifest();
    }

    public Bundle bundle() {
        return bundle;
    }

    public Variant variant() {
        return variant;
    }

    public TaskPipeline pipeline() {
        return pipeline;
    }

    /** Preprocess, run, postprocess: the JSON-ready result. Thread-safe (onnxruntime sessions are). */
    public Object predict(ModelInput input) throws OrtException {
        Prepared prepared = pipeline.preprocess(input);
        return pipeline.postprocess(prepared, run(prepared));
    }

    /** Runs the model on prepared tensors and copies the outputs back into pipeline tensors. */
    public Map<String, Tensor> run(Prepared prepared) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : prepared.feeds().entrySet()) {
                feeds.put(e.getKey(), OrtTensors.toOrt(env, e.getValue()));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, Tensor> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    outputs.put(e.getKey(), OrtTensors.fromOrt(e.getKey(), e.getValue()));
                }
                return outputs;
            }
        } finally {
            for (OnnxTensor t : feeds.values()) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
        options.close();
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing a session only frees native memory; nothing to recover.
        }
    }
}
