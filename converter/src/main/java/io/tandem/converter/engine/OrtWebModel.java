package io.tandem.converter.engine;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model in ONNX Runtime Web's WASM build, run by Node.js in a child process
 * ({@code ort-web-runner.mjs}, one thread): the browser's engine, for validating and calibrating
 * what browsers will run. Tensors cross the process boundary as raw little-endian bytes, so nothing
 * is rounded on the way.
 */
public final class OrtWebModel implements ModelRunner {
    private static final int STDERR_KEPT = 4096;

    private final String name;
    private final Process process;
    private final OutputStream toNode;
    private final InputStream fromNode;
    private final StringBuilder stderr = new StringBuilder();
    /** Set once the model is loaded: the version is ORT Web's own answer. */
    private MeasuredOn measuredOn;
    private double lastMillis;

    private OrtWebModel(String name, Process process) {
        this.name = name;
        this.process = process;
        this.toNode = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.fromNode = new BufferedInputStream(process.getInputStream(), 1 << 16);
        Thread drain = new Thread(this::drainStderr, "ort-web stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts Node.js with ONNX Runtime Web and loads the model; the version is ORT Web's own answer. */
    public static OrtWebModel open(byte[] model, String name) {
        OrtWebFiles.Install install = OrtWebFiles.install();
        Process process;
        try {
            process = new ProcessBuilder(node(), install.runner().toString(), install.ortDir().toString()).start();
        } catch (IOException e) {
            throw new ConverterException("running " + name + " in ONNX Runtime Web needs Node.js 18 or newer ('" + node()
                    + "' could not be started: " + e.getMessage() + "); install Node.js, set TANDEM_NODE, or pass --engine java");
        }
        OrtWebModel m = new OrtWebModel(name, process);
        Path file = null;
        try {
            file = Files.createTempFile("tandem-", ".onnx");
            Files.write(file, model);
            Map<String, Object> reply = m.call(Map.of("op", "load", "path", file.toString()), List.of());
            m.measuredOn = new MeasuredOn(Engine.WEB, String.valueOf(reply.get("version")), "wasm", 1, CpuFeatures.describe());
            return m;
        } catch (IOException e) {
            m.close();
            throw new ConverterException("cannot hand " + name + " to ONNX Runtime Web: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    static String node() {
        String configured = System.getenv("TANDEM_NODE");
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        List<Object> specs = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
            Tensor t = e.getValue();
            byte[] bytes = bytes(t);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", e.getKey());
            spec.put("type", t.dtype() == DType.INT64 ? "int64" : "float32");
            List<Object> dims = new ArrayList<>();
            for (int d : t.shape()) {
                dims.add((long) d);
            }
            spec.put("dims", dims);
            spec.put("bytes", (long) bytes.length);
            specs.add(spec);
            payloads.add(bytes);
        }
        Map<String, Object> reply = call(Map.of("op", "run", "feeds", specs), payloads);
        lastMillis = ((Number) reply.get("ms")).doubleValue();
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            for (Object o : (List<?>) reply.get("outputs")) {
                Map<?, ?> spec = (Map<?, ?>) o;
                List<?> dimList = (List<?>) spec.get("dims");
                int[] dims = new int[dimList.size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = ((Number) dimList.get(i)).intValue();
                }
                byte[] bytes = fromNode.readNBytes(((Number) spec.get("bytes")).intValue());
                out.put((String) spec.get("name"), tensor(String.valueOf(spec.get("type")), dims, bytes));
            }
        } catch (IOException e) {
            throw failure("reading outputs", e);
        }
        return out;
    }

    @Override
    public double lastMillis() {
        return lastMillis;
    }

    @Override
    public MeasuredOn measuredOn() {
        return measuredOn;
    }

    private Map<String, Object> call(Map<String, Object> header, List<byte[]> payloads) {
        try {
            byte[] json = Json.writeCompact(header).getBytes(StandardCharsets.UTF_8);
            toNode.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).array());
            toNode.write(json);
            for (byte[] p : payloads) {
                toNode.write(p);
            }
            toNode.flush();
            byte[] length = fromNode.readNBytes(4);
            if (length.length < 4) {
                throw new EOFException("Node.js exited");
            }
            int n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] replyBytes = fromNode.readNBytes(n);
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = (Map<String, Object>) Json.parse(new String(replyBytes, StandardCharsets.UTF_8));
            if (!Boolean.TRUE.equals(reply.get("ok"))) {
                throw new ConverterException("ONNX Runtime Web failed on " + name + ": " + reply.get("error"));
            }
            return reply;
        } catch (IOException e) {
            throw failure(String.valueOf(header.get("op")), e);
        }
    }

    private ConverterException failure(String doing, IOException e) {
        try {
            process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        String said;
        synchronized (stderr) {
            said = stderr.toString().strip();
        }
        String last = said.isEmpty() ? "" : ": " + said.substring(said.lastIndexOf('\n') + 1);
        return new ConverterException("ONNX Runtime Web (Node.js) stopped while " + doing + " " + name + last, e);
    }

    private void drainStderr() {
        byte[] buffer = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) > 0) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_KEPT) {
                        stderr.delete(0, stderr.length() - STDERR_KEPT);
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what it said so far is kept.
        }
    }

    static byte[] bytes(Tensor t) {
        if (t.dtype() == DType.INT64) {
            long[] v = t.longs();
            ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
            return b.array();
        }
        float[] v = t.floats();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static Tensor tensor(String type, int[] dims, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case "float32" -> {
                float[] v = new float[bytes.length / 4];
                b.asFloatBuffer().get(v);
                yield Tensor.ofFloats(dims, v);
            }
            case "int64" -> {
                long[] v = new long[bytes.length / 8];
                b.asLongBuffer().get(v);
                yield Tensor.ofLongs(dims, v);
            }
            default -> throw new ConverterException("ONNX Runtime Web returned a " + type + " output; the converter reads float32 and int64");
        };
    }

    @Override
    public void close() {
        try {
            toNode.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
