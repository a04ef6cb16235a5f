package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Browser drift reports for tests, shaped like the reference a model's {@code GET …/drift} shows. */
final class DriftReportBodies {
    private DriftReportBodies() {
    }

    /** A valid report of {@code n} inputs for the model whose drift answer is {@code drift}: its bins, all counts in the first. */
    static ObjectNode referenceShaped(JsonNode drift, int n) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("modelVersion", drift.path("version").asText()).put("samples", n);
        ArrayNode features = report.putArray("features");
        for (JsonNode f : drift.path("sources").path("server").path("features")) {
            ObjectNode o = features.addObject();
            o.put("name", f.path("name").asText());
            o.set("bins", f.path("bins"));
            ArrayNode counts = o.putArray("counts");
            for (int i = 0; i < f.path("reference").size(); i++) {
                counts.add(i == 0 ? n : 0);
            }
        }
        return report;
    }
}
