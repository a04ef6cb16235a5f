package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.jobs.JobView;
import io.tandem.server.shared.SharedStateUnavailableException;
import io.tandem.testkit.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workers that die, stop, or outlast the visibility timeout (2 s here), and Redis going away: a
 * job is finished once, by one worker, or dead-lettered; never lost, never doubled.
 */
class RedisJobsRecoveryTest extends WithRedisAndPenguins {

    @Test
    void aJobWhoseWorkerDiesIsResumedElsewhereAfterTheVisibilityTimeoutAndFinishesOnce() throws Exception {
        JobRig.Instance a = rig.instance("a", rig.work().stuckFrom(2)).start();
        List<ModelInput> inputs = JobRig.penguins(3);
        String id = a.jobs.submit("key:abc", rig.lease(), inputs).id();
        assertThat(a.work.stuck.await(10, TimeUnit.SECONDS)).isTrue();
        JobRig.await(a.jobs, id, j -> j.progressJson().get("progress").equals(Map.of("done", 1, "total", 3)), Duration.ofSeconds(5));

        a.crash();
        long crashed = System.nanoTime();
        JobRig.Instance b = rig.instance("b", rig.work()).start();
        JobView done = JobRig.awaitFinished(b.jobs, id);

        assertThat(Duration.ofNanos(System.nanoTime() - crashed)).as("taken over only once its claim lapsed")
                .isGreaterThan(Duration.ofMillis(1000));
        assertThat(done.toJson()).containsEntry("state", "succeeded").containsEntry("progress", Map.of("done", 3, "total", 3));
        assertThat(b.jobs.reclaimed()).isEqualTo(1);
        assertThat(b.work.calls.get()).as("resumed after the result the dead worker stored").isEqualTo(2);
        assertThat(rig.command("HGET {p}:job:" + id + " attempt")).isEqualTo("$1");
        List<?> results = (List<?>) done.toJson().get("results");
        assertThat(results).hasSize(3);
        try (var lease = rig.lease()) {
            ServerModel model = lease.model();
            for (int i = 0; i < 3; i++) {
                assertThat(JsonText.write(results.get(i))).isEqualTo(JsonText.write(rig.predictor().predict(model, inputs.get(i))));
            }
        }
        assertThat(rig.command("XLEN {p}:jobs:stream")).isEqualTo(":0");
    }

    @Test
    void aLiveWorkerKeepsItsJobLongerThanTheVisibilityTimeout() throws Exception {
        JobRig.Instance a = rig.instance("a", rig.work().slow(2500)).start();
        String id = a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(2)).id();
        JobRig.await(a.jobs, id, j -> j.progressJson().get("state").equals("running"), Duration.ofSeconds(5));
        JobRig.Instance b = rig.instance("b", rig.work()).start();

        JobView done = JobRig.awaitFinished(a.jobs, id);

        assertThat(done.toJson()).containsEntry("state", "succeeded");
        assertThat(b.jobs.reclaimed()).isZero();
        assertThat(b.work.calls.get()).isZero();
        assertThat(a.jobs.fencedOut()).isZero();
        assertThat(rig.command("HGET {p}:job:" + id + " attempt")).as("started once").isEqualTo("$1");
    }

    @Test
    void aJobThatKeepsLosingItsWorkerIsDeadLetteredAfterItsAttempts() throws Exception {
        JobRig.Instance first = rig.instance("first", JobRig.roomy(), 2, rig.work().stuckFrom(1)).start();
        String id = first.jobs.submit("key:abc", rig.lease(), JobRig.penguins(2)).id();
        assertThat(first.work.stuck.await(10, TimeUnit.SECONDS)).isTrue();
        first.crash();
        JobRig.Instance second = rig.instance("second", JobRig.roomy(), 2, rig.work().stuckFrom(1)).start();
        assertThat(second.work.stuck.await(10, TimeUnit.SECONDS)).as("retried once").isTrue();
        second.crash();
        JobRig.Instance third = rig.instance("third", JobRig.roomy(), 2, rig.work()).start();

        JobView dead = JobRig.awaitFinished(third.jobs, id);

        Map<String, Object> json = dead.toJson();
        assertThat(json).containsEntry("state", "failed").doesNotContainKey("results");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) json.get("error");
        assertThat(error.get("error")).isEqualTo("dead_letter");
        assertThat((String) error.get("message")).contains("started 2 times").contains("its worker stopped each time");
        assertThat(third.work.calls.get()).as("not run a third time").isZero();
        assertThat(third.jobs.deadLettered()).isEqualTo(1);
        assertThat(rig.command("LLEN {p}:jobs:dead")).isEqualTo(":1");
        assertThat(rig.command("XLEN {p}:jobs:stream")).isEqualTo(":0");
        assertThat(rig.command("SCARD {p}:jobs:client:" + JobKeys.clientDigest("key:abc"))).as("its slot freed").isEqualTo(":0");
    }

    @Test
    void aWorkerThatShutsDownHandsItsJobBackWithoutSpendingAnAttempt() throws Exception {
        // One attempt allowed: a hand-back must not count as a lost worker.
        JobRig.Instance a = rig.instance("a", JobRig.roomy(), 1, rig.work().stuckFrom(2)).start();
        String id = a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(3)).id();
        assertThat(a.work.stuck.await(10, TimeUnit.SECONDS)).isTrue();
        JobRig.await(a.jobs, id, j -> j.progressJson().get("progress").equals(Map.of("done", 1, "total", 3)), Duration.ofSeconds(5));

        a.close();
        assertThat(a.jobs.handedBack()).isEqualTo(1);
        JobRig.Instance b = rig.instance("b", JobRig.roomy(), 1, rig.work());
        assertThat(b.jobs.find(id).orElseThrow().toJson()).containsEntry("state", "queued")
                .containsEntry("progress", Map.of("done", 1, "total", 3));
        long started = System.nanoTime();
        b.start();
        JobView done = JobRig.awaitFinished(b.jobs, id);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("taken over at once, not after the timeout")
                .isLessThan(Duration.ofMillis(1800));
        assertThat(done.toJson()).containsEntry("state", "succeeded").containsEntry("progress", Map.of("done", 3, "total", 3));
        assertThat(b.work.calls.get()).isEqualTo(2);
    }

    @Test
    void whileRedisIsDownJobsAreRefusedAndOnceItIsBackTheyRunAgain() throws Exception {
        try (RedisProcess own = RedisProcess.start(); JobRig ownRig = new JobRig(own, registry, predictor)) {
            JobRig.Instance a = ownRig.instance("a", ownRig.work()).start();
            String before = JobRig.awaitFinished(a.jobs, a.jobs.submit("key:abc", ownRig.lease(), JobRig.penguins(1)).id()).id();

            own.kill();
            assertThatThrownBy(() -> a.jobs.submit("key:abc", ownRig.lease(), JobRig.penguins(1)))
                    .isInstanceOf(SharedStateUnavailableException.class);
            assertThatThrownBy(() -> a.jobs.find(before)).isInstanceOf(SharedStateUnavailableException.class);

            own.restart();
            // As a client would on 503: ask again. The workers find Redis (and recreate the group) on their own.
            JobView after = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (after == null && System.nanoTime() < deadline) {
                try {
                    after = a.jobs.submit("key:abc", ownRig.lease(), JobRig.penguins(1));
                } catch (SharedStateUnavailableException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(after).as("accepted once Redis is back").isNotNull();
            assertThat(JobRig.awaitFinished(a.jobs, after.id()).toJson()).containsEntry("state", "succeeded");
        }
    }
}
