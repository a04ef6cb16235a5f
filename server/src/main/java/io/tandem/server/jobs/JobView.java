package io.tandem.server.jobs;

import java.util.Map;

/** One job as the API shows it, read at one moment. */
public interface JobView {
    String id();

    boolean finished();

    /** State, progress, and the results or the error once finished. */
    Map<String, Object> toJson();

    /** Progress only, without results: what a push sends while the job runs. */
    Map<String, Object> progressJson();
}
