package io.tandem.server.jobs.redis;

import io.tandem.server.ServerConfig;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Every change to a job, each one Lua script run atomically in Redis. The worker's writes carry
 * its attempt number and are refused (false) once another attempt has begun: a worker that lost
 * its claim never writes over the one that took the job from it. Every method throws
 * {@link io.tandem.server.shared.SharedStateUnavailableException} when Redis does not answer.
 */
final class JobScripts {
    /** What {@code submit} answered: queued (with Redis's time), or which bound refused the job. */
    record Admission(String outcome, long value) {
    }

    /** What {@code take} answered: run (with the attempt number), dead (with the starts), or gone. */
    record Taken(String outcome, long value) {
    }

    private static final String DEAD_LETTER = "the job was started %d times and its worker stopped each time before it"
            + " finished (a crash, or an input that brings the server down); it is not retried again";

    private final LuaScript submit = LuaScript.load("submit.lua");
    private final LuaScript take = LuaScript.load("take.lua");
    private final LuaScript progress = LuaScript.load("progress.lua");
    private final LuaScript renew = LuaScript.load("renew.lua");
    private final LuaScript handBack = LuaScript.load("hand-back.lua");
    private final LuaScript restart = LuaScript.load("restart.lua");
    private final LuaScript finish = LuaScript.load("finish.lua");
    private final LuaScript depth = LuaScript.load("depth.lua");

    private final RedisLink redis;
    private final JobKeys keys;
    private final String consumer;
    private final SharedStateConfig shared;
    private final ServerConfig.Jobs config;

    JobScripts(RedisLink redis, JobKeys keys, SharedStateConfig shared, ServerConfig.Jobs config) {
        this.redis = redis;
        this.keys = keys;
        this.consumer = shared.instanceId();
        this.shared = shared;
        this.config = config;
    }

    String consumer() {
        return consumer;
    }

    Admission submit(String id, String client, List<String> fields) {
        List<String> args = new ArrayList<>(List.of(JobKeys.GROUP, id, String.valueOf(config.maxPerClient()),
                String.valueOf(config.maxKept()), String.valueOf(config.queueCapacity()), keys.jobPrefix()));
        args.addAll(fields);
        List<?> r = (List<?>) run(submit, List.of(keys.stream(), keys.job(id), keys.client(client), keys.kept()), args);
        return new Admission((String) r.get(0), (Long) r.get(1));
    }

    Taken take(String id, String entry) {
        List<?> r = (List<?>) run(take, List.of(keys.job(id), keys.stream(), keys.kept(), keys.dead()),
                List.of(JobKeys.GROUP, entry, consumer, String.valueOf(shared.jobMaxAttempts()), id, ttlMillis(),
                        keys.clientPrefix(), keys.channel(), DEAD_LETTER));
        return new Taken((String) r.get(0), (Long) r.get(1));
    }

    boolean progress(String id, long attempt, int index, String result) {
        return yes(run(progress, List.of(keys.job(id)),
                List.of(String.valueOf(attempt), String.valueOf(index), result, keys.channel(), id)));
    }

    boolean renew(String id, long attempt, String entry) {
        return yes(run(renew, List.of(keys.job(id), keys.stream()), List.of(String.valueOf(attempt), JobKeys.GROUP, consumer, entry)));
    }

    /** Idle long enough that the next XAUTOCLAIM anywhere takes it. */
    boolean handBack(String id, long attempt, String entry) {
        String idle = String.valueOf(shared.jobVisibility().toMillis() + 1000);
        return yes(run(handBack, List.of(keys.job(id), keys.stream()),
                List.of(String.valueOf(attempt), JobKeys.GROUP, consumer, entry, idle, keys.channel(), id)));
    }

    boolean restart(String id, long attempt, String version) {
        return yes(run(restart, List.of(keys.job(id)), List.of(String.valueOf(attempt), version)));
    }

    boolean succeed(String id, long attempt, String entry) {
        return finish(id, attempt, entry, "succeeded", "", "");
    }

    boolean fail(String id, long attempt, String entry, String error, String message) {
        return finish(id, attempt, entry, "failed", error, message);
    }

    private boolean finish(String id, long attempt, String entry, String state, String error, String message) {
        return yes(run(finish, List.of(keys.job(id), keys.stream(), keys.kept()),
                List.of(String.valueOf(attempt), JobKeys.GROUP, entry, id, ttlMillis(), keys.clientPrefix(), keys.channel(),
                        state, error, message)));
    }

    long depth() {
        return (Long) run(depth, List.of(keys.stream()), List.of(JobKeys.GROUP));
    }

    private String ttlMillis() {
        return String.valueOf(config.ttl().toMillis());
    }

    private Object run(LuaScript script, List<String> keyList, List<String> args) {
        return redis.call(j -> script.run(j, keyList, args));
    }

    private static boolean yes(Object reply) {
        return reply instanceof Long n && n > 0;
    }
}
