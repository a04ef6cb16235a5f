package io.tandem.converter.cli;

import io.tandem.converter.bundle.BundleCheck;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code inspect <bundle dir>}: the manifest's essentials and whether every file matches it. */
record BundleReport(String dir, Manifest manifest, List<BundleCheck.FileStatus> files) {

    boolean ok() {
        return files.stream().allMatch(BundleCheck.FileStatus::ok);
    }

    List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add(Output.field("bundle", dir));
        lines.add(Output.field("id", manifest.id() + " " + manifest.version() + " (" + manifest.title() + ")"));
        lines.add(Output.field("task", manifest.task().wireName()));
        Map<String, Object> p = manifest.provenance();
        lines.add(Output.field("source", p.getOrDefault("source", "unknown")));
        lines.add(Output.field("licence", p.getOrDefault("licence", "unknown")));
        lines.add(Output.field("converter", p.getOrDefault("converter", "unknown")));
        specs(lines, "inputs", manifest.inputs());
        specs(lines, "outputs", manifest.outputs());
        lines.add(Output.field("preprocess", manifest.preprocessing().string("type", "?")));
        lines.add(Output.field("postprocess", manifest.postprocessing().string("type", "?")));
        if (!manifest.labels().isEmpty()) {
            lines.add(Output.field("labels", String.join(" ", manifest.labels())));
        }
        lines.add("files");
        int w = Output.width(files.stream().map(BundleCheck.FileStatus::path).toList());
        for (BundleCheck.FileStatus f : files) {
            lines.add("  " + Output.pad(f.path(), w) + "  " + f.role() + ", " + f.bytes() + " bytes: "
                    + (f.ok() ? "ok" : f.problem()));
        }
        for (Variant v : manifest.variants()) {
            lines.add(Output.field("variant", v.name() + " (" + v.precision() + ") " + v.file().path() + " for " + v.devices()));
        }
        return lines;
    }

    private static void specs(List<String> lines, String title, List<TensorSpec> specs) {
        lines.add(title);
        int w = Output.width(specs.stream().map(TensorSpec::name).toList());
        for (TensorSpec s : specs) {
            lines.add("  " + Output.pad(s.name(), w) + "  " + s.dtype().wireName() + " " + Output.shape(s.dims()));
        }
    }

    String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", dir);
        m.put("id", manifest.id());
        m.put("version", manifest.version());
        m.put("task", manifest.task().wireName());
        m.put("ok", ok());
        List<Object> list = new ArrayList<>();
        for (BundleCheck.FileStatus f : files) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", f.path());
            o.put("role", f.role());
            o.put("bytes", f.bytes());
            o.put("sha256", f.sha256());
            o.put("ok", f.ok());
            if (!f.ok()) {
                o.put("problem", f.problem());
            }
            list.add(o);
        }
        m.put("files", list);
        // The manifest itself, as the readers see it, for anything the summary leaves out.
        m.put("manifest", Json.parse(manifest.toJson()));
        return Json.write(m);
    }
}
