package io.tandem.server.jobs.redis;

import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts alone, on a real Redis: once a second attempt has begun (the job was reclaimed), the
 * first one's writes are refused, so a worker that lost its claim cannot add a result twice.
 */
class JobFencingTest extends WithRedisAndPenguins {
    private RedisLink link;
    private JobKeys keys;
    private JobScripts scripts;

    @BeforeEach
    void scripts() {
        SharedStateConfig shared = SharedStateConfig.redis(redis.url()).withPrefix(rig.prefix()).withInstanceId("w")
                .withJobs(Duration.ofSeconds(2), 3);
        link = RedisLink.open("state", redis.url(), rig.prefix());
        keys = new JobKeys(link);
        scripts = new JobScripts(link, keys, shared, JobRig.roomy());
    }

    @AfterEach
    void closeLink() {
        link.close();
    }

    private String submitAndDeliver(String id) {
        assertThat(scripts.submit(id, "c", JobHash.queued(JobRig.MODEL, "1.0.0", "c", 2, "[]")).outcome()).isEqualTo("queued");
        var read = link.call(j -> j.xreadGroup(JobKeys.GROUP, "w", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(keys.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        return read.get(0).getValue().get(0).getID().toString();
    }

    @Test
    void aStaleAttemptCanWriteNothing() {
        String id = "00000000-0000-4000-8000-000000000001";
        String entry = submitAndDeliver(id);

        JobScripts.Taken first = scripts.take(id, entry);
        assertThat(first).isEqualTo(new JobScripts.Taken("run", 1));
        assertThat(scripts.progress(id, 1, 0, "\"a\"")).isTrue();
        // Reclaimed elsewhere: a second start while the first worker still thinks it runs the job.
        JobScripts.Taken second = scripts.take(id, entry);
        assertThat(second).isEqualTo(new JobScripts.Taken("run", 2));

        assertThat(scripts.progress(id, 1, 1, "\"stale\"")).isFalse();
        assertThat(scripts.renew(id, 1, entry)).isFalse();
        assertThat(scripts.succeed(id, 1, entry)).isFalse();
        assertThat(scripts.handBack(id, 1, entry)).isFalse();
        assertThat(rig.command("XLEN {p}:jobs:stream")).as("not acknowledged by the stale attempt").isEqualTo(":1");

        assertThat(scripts.renew(id, 2, entry)).isTrue();
        assertThat(scripts.progress(id, 2, 1, "\"b\"")).isTrue();
        assertThat(scripts.succeed(id, 2, entry)).isTrue();
        assertThat(scripts.succeed(id, 2, entry)).as("only once").isFalse();

        Map<String, String> hash = link.call(j -> j.hgetAll(keys.job(id)));
        assertThat(hash).containsEntry("state", "succeeded").containsEntry("done", "2")
                .containsEntry("r:0", "\"a\"").containsEntry("r:1", "\"b\"").doesNotContainKeys("inputs", "worker", "r:2");
        assertThat(rig.command("XLEN {p}:jobs:stream")).isEqualTo(":0");
        long pending = link.call(j -> j.xpending(keys.stream(), JobKeys.GROUP)).getTotal();
        long share = link.call(j -> j.scard(keys.client("c")));
        long ttl = link.call(j -> j.pttl(keys.job(id)));
        assertThat(pending).isZero();
        assertThat(share).as("out of the client's share").isZero();
        assertThat(ttl).as("kept for its time to live, then gone").isPositive();
    }

    @Test
    void aFailedJobKeepsNoResults() {
        String id = "00000000-0000-4000-8000-000000000002";
        String entry = submitAndDeliver(id);
        scripts.take(id, entry);
        scripts.progress(id, 1, 0, "\"a\"");
        assertThat(scripts.fail(id, 1, entry, "invalid_input", "no good")).isTrue();
        Map<String, String> hash = link.call(j -> j.hgetAll(keys.job(id)));
        assertThat(hash).containsEntry("state", "failed").containsEntry("error", "invalid_input")
                .containsEntry("message", "no good").containsEntry("done", "0").doesNotContainKey("r:0");
        assertThat(List.of(scripts.take(id, entry).outcome())).as("a finished job is not started again").containsExactly("gone");
    }
}
