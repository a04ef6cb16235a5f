package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.LiveHistograms;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The {@code shareStats} option: predictions made on the device are measured with the same drift
 * statistics the server uses, counted into the bundle's reference bins, and every {@code every}
 * predictions (and on {@code close}) only the counts are POSTed to
 * {@code /api/v1/models/{id}/drift/reports}. The input itself never leaves the page; a report is
 * sent and forgotten (a failed one is dropped, never retried with more data).
 */
final class StatsSharing {
    /** Default predictions per report: enough to say little about any single input. */
    static final int DEFAULT_EVERY = 20;

    private final String url;
    private final String modelVersion;
    private final LiveHistograms live;
    private final int every;
    private int sent;

    private StatsSharing(String url, String modelVersion, LiveHistograms live, int every) {
        this.url = url;
        this.modelVersion = modelVersion;
        this.live = live;
        this.every = every;
    }

    /** Null when the bundle has no reference to compare with, or no statistic applies to its inputs. */
    static StatsSharing create(Manifest manifest, TaskPipeline pipeline, Endpoints endpoints, int every) {
        if (manifest.reference() == null || pipeline == null) {
            return null;
        }
        LiveHistograms live = new LiveHistograms(pipeline.statistics(), manifest.reference());
        return live.isEmpty() ? null : new StatsSharing(endpoints.driftReports(manifest.id()), manifest.version(), live, every);
    }

    /**
     * One prediction about to run on the device: measured now (the runtime may take the tensors'
     * buffers), counted by the returned action once it succeeded; the tensors are not kept.
     */
    Runnable measure(Prepared prepared) {
        double[] measured = live.measure(prepared);
        return () -> {
            live.addMeasured(measured);
            if (live.samples() >= every) {
                flush();
            }
        };
    }

    /** Sends what has been counted since the last report, if anything. */
    void flush() {
        if (live.samples() == 0) {
            return;
        }
        String body = Json.writeCompact(live.report(modelVersion));
        live.clear();
        sent++;
        post(url, body);
    }

    /** {@code {every, sent, pending}} for the page: reports sent and predictions not yet reported. */
    JSObject describe() {
        JSObject o = Js.newObject();
        Js.put(o, "every", every);
        Js.put(o, "sent", sent);
        Js.put(o, "pending", live.samples());
        return o;
    }

    // keepalive: a report sent as the page closes still arrives.
    @JSBody(params = {"url", "json"},
            script = "fetch(url, {method: 'POST', keepalive: true, headers: {'Content-Type': 'application/json'}, body: json})"
                    + ".catch(function () {});")
    private static native void post(String url, String json);
}
