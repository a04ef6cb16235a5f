package io.tandem.server.jobs.redis;

import io.tandem.server.shared.RedisLink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where jobs live in Redis, every key under the deployment's prefix:
 * <ul>
 *   <li>{@code prefix:jobs:stream} — the stream of jobs to run, one entry {@code job=<id>} each,
 *       read by the consumer group {@value #GROUP}; an entry stays until its job has finished</li>
 *   <li>{@code prefix:job:<id>} — the job itself, a hash ({@link JobHash}); expires its time to
 *       live after it finished</li>
 *   <li>{@code prefix:jobs:client:<digest>} — a set of the client's unfinished job ids (its share)</li>
 *   <li>{@code prefix:jobs:kept} — a sorted set of every job kept, scored by when it expires
 *       ({@code +inf} until it has finished)</li>
 *   <li>{@code prefix:jobs:dead} — the latest dead-lettered jobs, newest first, at most 1000</li>
 *   <li>notices on {@code prefix:events:jobs}, the message a job id</li>
 * </ul>
 */
final class JobKeys {
    static final String GROUP = "tandem-workers";
    static final String TOPIC = "jobs";
    /** The stream entry's one field. */
    static final String ENTRY_FIELD = "job";

    private final RedisLink redis;

    JobKeys(RedisLink redis) {
        this.redis = redis;
    }

    String stream() {
        return redis.key("jobs", "stream");
    }

    String job(String id) {
        return redis.key("job", id);
    }

    String jobPrefix() {
        return redis.key("job") + ":";
    }

    String client(String digest) {
        return redis.key("jobs", "client", digest);
    }

    String clientPrefix() {
        return redis.key("jobs", "client") + ":";
    }

    String kept() {
        return redis.key("jobs", "kept");
    }

    String dead() {
        return redis.key("jobs", "dead");
    }

    String channel() {
        return redis.key("events", TOPIC);
    }

    /**
     * The client as Redis knows it: a digest, since the caller's name may be its API key, which
     * must not sit in Redis (nor in its logs) as it is.
     */
    static String clientDigest(String client) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(client.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every JVM must have", e);
        }
    }
}
