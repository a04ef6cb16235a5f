package io.tandem.server.jobs.redis;

import java.util.List;

/**
 * The fields of a job's hash ({@code prefix:job:<id>}). The Lua scripts use the same names.
 * <ul>
 *   <li>{@code model}, {@code version} (the one it runs on), {@code client} (a digest), {@code total}</li>
 *   <li>{@code state}: queued, running, succeeded or failed</li>
 *   <li>{@code createdAt}, {@code finishedAt}: epoch milliseconds by Redis's clock</li>
 *   <li>{@code done} and {@code r:0} … {@code r:<done-1>}: each input's result as JSON</li>
 *   <li>{@code inputs}: the inputs as JSON ({@link InputCodec}), dropped once finished</li>
 *   <li>{@code attempt}: starts so far, the fencing number of every worker write;
 *       {@code handedBack}: of those, how many a worker gave back as it shut down</li>
 *   <li>{@code worker}: the consumer running it</li>
 *   <li>{@code error}, {@code message}: why it failed</li>
 * </ul>
 */
final class JobHash {
    static final String MODEL = "model";
    static final String VERSION = "version";
    static final String CLIENT = "client";
    static final String TOTAL = "total";
    static final String STATE = "state";
    static final String CREATED_AT = "createdAt";
    static final String FINISHED_AT = "finishedAt";
    static final String DONE = "done";
    static final String INPUTS = "inputs";
    static final String ATTEMPT = "attempt";
    static final String WORKER = "worker";
    static final String ERROR = "error";
    static final String MESSAGE = "message";
    private static final String RESULT = "r:";

    private JobHash() {
    }

    static String result(int index) {
        return RESULT + index;
    }

    /** A new job's fields and values, in turn (createdAt is Redis's to write). */
    static List<String> queued(String model, String version, String client, int total, String inputs) {
        return List.of(MODEL, model, VERSION, version, CLIENT, client, TOTAL, String.valueOf(total),
                STATE, "queued", DONE, "0", ATTEMPT, "0", INPUTS, inputs);
    }
}
