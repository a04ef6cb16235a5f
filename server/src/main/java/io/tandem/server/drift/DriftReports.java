package io.tandem.server.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.server.http.ApiException;
import io.tandem.server.http.Echo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a browser's drift report before a count of it is used: {@code {"modelVersion", "samples",
 * "features": [{"name", "bins", "counts"}]}} with every reference feature exactly once, the
 * reference's own bin edges, non-negative whole counts that add up to {@code samples}, and at most
 * {@link #MAX_SAMPLES} inputs per report. Nothing but counts is accepted, so nothing else is kept.
 */
final class DriftReports {
    /** Most inputs one report may stand for: a page reports every few predictions, not a day's worth. */
    static final int MAX_SAMPLES = 1000;
    /** Largest report body; a real one is well under 2 KB. */
    static final int MAX_BYTES = 64 * 1024;

    /** A checked report. */
    record Report(long samples, Map<String, long[]> counts) {
    }

    private DriftReports() {
    }

    static Report check(JsonNode body, DriftMonitor monitor) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("expected a JSON object {modelVersion, samples, features}");
        }
        String version = body.path("modelVersion").asText("");
        if (!version.equals(monitor.version())) {
            throw new ApiException(409, "version_mismatch", "the report is for version '" + Echo.of(version) + "' of model "
                    + monitor.model() + "; the server tracks version " + monitor.version());
        }
        JsonNode samplesNode = body.path("samples");
        if (!samplesNode.canConvertToLong() || !samplesNode.isIntegralNumber()) {
            throw ApiException.badRequest("'samples' must be a whole number");
        }
        long samples = samplesNode.asLong();
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw ApiException.badRequest("'samples' must be between 1 and " + MAX_SAMPLES + ", found " + samples);
        }
        JsonNode features = body.path("features");
        if (!features.isArray()) {
            throw ApiException.badRequest("'features' must be an array of {name, bins, counts}");
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (JsonNode f : features) {
            String name = f.path("name").asText("");
            ReferenceStats.Feature ref = monitor.features().contains(name) ? monitor.reference().feature(name) : null;
            if (ref == null) {
                throw ApiException.badRequest("unknown feature '" + Echo.of(name) + "'; expected " + String.join(", ", monitor.features()));
            }
            if (counts.containsKey(name)) {
                throw ApiException.badRequest("feature '" + name + "' is reported twice");
            }
            checkBins(name, f.path("bins"), ref.bins());
            counts.put(name, checkCounts(name, f.path("counts"), ref.bins().length + 1, samples));
        }
        for (String name : monitor.features()) {
            if (!counts.containsKey(name)) {
                throw ApiException.badRequest("feature '" + name + "' is missing from the report");
            }
        }
        return new Report(samples, counts);
    }

    private static void checkBins(String name, JsonNode bins, double[] expected) {
        boolean same = bins.isArray() && bins.size() == expected.length;
        for (int i = 0; same && i < expected.length; i++) {
            // The browser writes back the edges it read from the manifest; allow the last-digit
            // difference a JavaScript number formatter may make, nothing that moves a bin.
            double tolerance = 1e-9 * Math.max(1, Math.abs(expected[i]));
            same = bins.get(i).isNumber() && Math.abs(bins.get(i).asDouble() - expected[i]) <= tolerance;
        }
        if (!same) {
            throw ApiException.badRequest("the bins of feature '" + name + "' do not match the reference: expected "
                    + java.util.Arrays.toString(expected) + ", found " + Echo.of(bins));
        }
    }

    private static long[] checkCounts(String name, JsonNode counts, int bins, long samples) {
        if (!counts.isArray() || counts.size() != bins) {
            throw ApiException.badRequest("feature '" + name + "' needs " + bins + " counts, found "
                    + (counts.isArray() ? counts.size() : "none"));
        }
        long[] out = new long[bins];
        long sum = 0;
        for (int i = 0; i < bins; i++) {
            JsonNode c = counts.get(i);
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.asLong() < 0) {
                throw ApiException.badRequest("feature '" + name + "': counts must be whole numbers ≥ 0, found " + Echo.of(c));
            }
            if (c.asLong() > samples) {
                throw ApiException.badRequest("feature '" + name + "': a count of " + c.asLong()
                        + " is more than samples; counts add up to samples = " + samples);
            }
            out[i] = c.asLong();
            // Each count is at most samples ≤ MAX_SAMPLES, so this cannot wrap; addExact says so.
            sum = Math.addExact(sum, out[i]);
        }
        if (sum != samples) {
            throw ApiException.badRequest("feature '" + name + "': counts add up to " + sum + ", expected samples = " + samples);
        }
        return out;
    }
}
