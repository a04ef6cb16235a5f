package io.tandem.converter.support;

import io.tandem.converter.onnx.OnnxModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator-support report of one model: for each operator type in its graph (domain, op and
 * the model's opset for that domain), whether ORT Web's WASM and WebGPU execution providers run
 * it, and a one-line summary ("all ops run on wasm; 2 ops fall back to CPU on webgpu: X, Y").
 */
public record OperatorSupport(List<Row> rows) {

    /** How one execution provider treats an operator. */
    public enum Status {
        RUNS("yes"),
        /** WebGPU only: no WebGPU kernel, the WASM (CPU) kernel runs it inside the same session. */
        CPU_FALLBACK("CPU fallback"),
        MISSING("no"),
        /** Constants, Identity, Dropout: onnxruntime removes them before execution. */
        REMOVED("removed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public record Row(String domain, String op, long opset, int count, Status wasm, Status webgpu) {
        /** "MatMul" for ai.onnx, "com.microsoft.FusedMatMul" otherwise (as inspect lists operators). */
        public String name() {
            return domain.equals("ai.onnx") ? op : domain + "." + op;
        }
    }

    public static OperatorSupport of(OnnxModel model, OperatorTable table) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : model.operators().entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            String domain = dot < 0 ? "ai.onnx" : key.substring(0, dot);
            String op = dot < 0 ? key : key.substring(dot + 1);
            // A custom domain without an opset import is invalid ONNX; version 1 is what such files mean.
            long opset = model.opsets().getOrDefault(domain, 1L);
            Status wasm;
            Status webgpu;
            if (table.has("graph", domain, op, opset)) {
                wasm = Status.REMOVED;
                webgpu = Status.REMOVED;
            } else {
                wasm = table.has("wasm", domain, op, opset) ? Status.RUNS : Status.MISSING;
                webgpu = table.has("webgpu", domain, op, opset) ? Status.RUNS
                        : wasm == Status.RUNS ? Status.CPU_FALLBACK : Status.MISSING;
            }
            rows.add(new Row(domain, op, opset, e.getValue(), wasm, webgpu));
        }
        return new OperatorSupport(List.copyOf(rows));
    }

    /** "all ops run on wasm; 2 ops fall back to CPU on webgpu: DynamicQuantizeLinear, MatMulInteger". */
    public String summary() {
        List<String> noWasm = names(Status.MISSING, true);
        List<String> fallback = names(Status.CPU_FALLBACK, false);
        List<String> noWebgpu = names(Status.MISSING, false);
        String wasm = noWasm.isEmpty() ? "all ops run on wasm" : count(noWasm) + " not run on wasm: " + String.join(", ", noWasm);
        String webgpu;
        if (fallback.isEmpty() && noWebgpu.isEmpty()) {
            webgpu = "all ops run on webgpu";
        } else {
            List<String> parts = new ArrayList<>();
            if (!fallback.isEmpty()) {
                parts.add(fallback.size() + (fallback.size() == 1 ? " op falls" : " ops fall") + " back to CPU on webgpu: "
                        + String.join(", ", fallback));
            }
            if (!noWebgpu.isEmpty()) {
                parts.add(count(noWebgpu) + " not run on webgpu: " + String.join(", ", noWebgpu));
            }
            webgpu = String.join("; ", parts);
        }
        return wasm + "; " + webgpu;
    }

    /** Whether every operator runs on wasm (else the model cannot load there at all). */
    public boolean runsOnWasm() {
        return names(Status.MISSING, true).isEmpty();
    }

    private static String count(List<String> names) {
        return names.size() + (names.size() == 1 ? " op does" : " ops do");
    }

    private List<String> names(Status status, boolean wasm) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if ((wasm ? r.wasm() : r.webgpu()) == status) {
                out.add(r.name());
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    /** For inspect --json: the runtime, one object per operator type, and the summary. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runtime", OperatorTable.RUNTIME);
        List<Object> ops = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("domain", r.domain());
            o.put("op", r.op());
            o.put("opset", r.opset());
            o.put("count", (long) r.count());
            o.put("wasm", r.wasm().wireName());
            o.put("webgpu", r.webgpu().wireName());
            ops.add(o);
        }
        m.put("operators", ops);
        m.put("summary", summary());
        return m;
    }
}
