package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.http.JobRoutes;
import io.tandem.server.inference.OverloadedException;
import io.tandem.server.jobs.JobQueue;
import io.tandem.server.jobs.JobView;
import io.tandem.server.jobs.LocalJobs;
import io.tandem.server.jobs.TooManyJobsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two instances on one Redis: a job taken by either, read and followed on both, within bounds kept by all. */
class RedisJobsTest extends WithRedisAndPenguins {

    @Test
    void aJobSubmittedOnOneInstanceIsReadOnAnotherJustAsALocalJobShowsIt() throws Exception {
        JobRig.Instance a = rig.instance("a", rig.work()).start();
        JobRig.Instance b = rig.instance("b", rig.work()).start();
        Thread.sleep(300); // both workers read (and sweep) before the stream exists
        List<ModelInput> inputs = JobRig.penguins(3);

        JobView queued = a.jobs.submit("key:abc", rig.lease(), inputs);
        assertThat(queued.toJson()).containsEntry("state", "queued").containsEntry("model", JobRig.MODEL);
        JobView onB = JobRig.awaitFinished(b.jobs, queued.id());
        assertThat(a.jobs.find(queued.id()).orElseThrow().toJson()).isEqualTo(onB.toJson());
        assertThat(onB.toJson()).containsEntry("state", "succeeded").containsEntry("createdAt", queued.toJson().get("createdAt"));
        assertThat(a.work.calls.get() + b.work.calls.get()).as("each input run once").isEqualTo(3);
        assertThat(a.link.errors() + b.link.errors()).as("a group not made yet never reads as Redis failing").isZero();

        Map<String, Object> local;
        try (LocalJobs jobs = new LocalJobs(new JobQueue(JobRig.roomy(), JobRoutes::describe, System::nanoTime), rig.predictor())) {
            JobView job = jobs.submit("key:abc", rig.lease(), inputs);
            for (int i = 0; i < 500 && !jobs.find(job.id()).orElseThrow().finished(); i++) {
                Thread.sleep(10);
            }
            local = jobs.find(job.id()).orElseThrow().toJson();
        }
        Map<String, Object> shared = new LinkedHashMap<>(onB.toJson());
        assertThat(new ArrayList<>(shared.keySet())).isEqualTo(new ArrayList<>(local.keySet()));
        assertThat(shared.get("progress")).isEqualTo(local.get("progress")).isEqualTo(Map.of("done", 3, "total", 3));
        assertThat(JsonText.write(shared.get("results"))).as("the results as the API writes them")
                .isEqualTo(JsonText.write(local.get("results")));
        assertThat(shared.get("state")).isEqualTo(local.get("state"));
        assertThat((Long) shared.get("finishedAt")).isGreaterThanOrEqualTo((Long) shared.get("createdAt"));
    }

    @Test
    void aListenerOnTheInstanceThatDidNotRunTheJobSeesItsProgressAndItsEnd() throws Exception {
        JobRig.Instance a = rig.instance("a", rig.work().slow(300)).start();
        JobRig.Instance b = rig.instance("b", rig.work().slow(300)).start();
        List<JobView> seenOnA = new CopyOnWriteArrayList<>();
        List<JobView> seenOnB = new CopyOnWriteArrayList<>();

        JobView job = a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(3));
        a.jobs.listen(job.id(), seenOnA::add);
        b.jobs.listen(job.id(), seenOnB::add);
        JobView done = JobRig.awaitFinished(a.jobs, job.id());
        Thread.sleep(200);

        List<JobView> seen = a.work.calls.get() > 0 ? seenOnB : seenOnA;
        assertThat(a.work.calls.get() == 0 || b.work.calls.get() == 0).as("one instance ran it all").isTrue();
        assertThat(seen).isNotEmpty();
        assertThat(seen.stream().map(v -> v.progressJson().get("progress")).toList())
                .as("progress told, input by input").contains(Map.of("done", 1, "total", 3), Map.of("done", 2, "total", 3));
        assertThat(seen.get(seen.size() - 1).toJson()).as("the end, with the results").isEqualTo(done.toJson());
        assertThat(seen.stream().filter(JobView::finished).count()).as("told once it finished, then dropped").isEqualTo(1);
    }

    @Test
    void anInputTheModelRefusesFailsTheJobAtOnceWithoutARetry() throws Exception {
        JobRig.Instance a = rig.instance("a", rig.work()).start();
        List<ModelInput> inputs = new ArrayList<>(JobRig.penguins(1));
        inputs.add(ModelInput.features(Map.of("island", "Atlantis")));

        JobView job = JobRig.awaitFinished(a.jobs, a.jobs.submit("key:abc", rig.lease(), inputs).id());

        Map<String, Object> json = job.toJson();
        assertThat(json).containsEntry("state", "failed").containsEntry("progress", Map.of("done", 0, "total", 2))
                .doesNotContainKey("results");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) json.get("error");
        assertThat(error.get("error")).isEqualTo("invalid_input");
        assertThat((String) error.get("message")).contains("Atlantis");
        assertThat(rig.command("HGET {p}:job:" + job.id() + " attempt")).as("started once").isEqualTo("$1");
        assertThat(a.jobs.taken()).isEqualTo(1);
        assertThat(rig.command("XLEN {p}:jobs:stream")).isEqualTo(":0");
    }

    @Test
    void theJobsWaitingAndTheJobsKeptAreBoundedAcrossInstances() {
        // Not started: no worker takes anything, so every job waits.
        JobRig.Instance a = rig.instance("a", JobRig.jobs(1, 10, 8, Duration.ofMinutes(1)), 3, rig.work());
        JobRig.Instance b = rig.instance("b", JobRig.jobs(2, 2, 8, Duration.ofMinutes(1)), 3, rig.work());

        a.jobs.submit("ip:1", rig.lease(), JobRig.penguins(1));
        assertThatThrownBy(() -> a.jobs.submit("ip:2", rig.lease(), JobRig.penguins(1)))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("1 jobs are waiting");
        b.jobs.submit("ip:3", rig.lease(), JobRig.penguins(1));
        assertThatThrownBy(() -> b.jobs.submit("ip:4", rig.lease(), JobRig.penguins(1)))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("2 jobs are kept already");
        assertThat(a.jobs.queueDepth()).isEqualTo(2);
        assertThat(b.jobs.queueDepth()).isEqualTo(2);
        assertThat(rig.command("XLEN {p}:jobs:stream")).as("nothing of the refused ones stored").isEqualTo(":2");
    }

    @Test
    void aClientsShareOfJobsCountsOnEveryInstance() throws Exception {
        JobRig.Instance a = rig.instance("a", JobRig.jobs(16, 64, 2, Duration.ofMinutes(1)), 3, rig.work());
        JobRig.Instance b = rig.instance("b", JobRig.jobs(16, 64, 2, Duration.ofMinutes(1)), 3, rig.work());

        JobView first = a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(1));
        JobView second = b.jobs.submit("key:abc", rig.lease(), JobRig.penguins(1));
        assertThatThrownBy(() -> a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(1)))
                .isInstanceOf(TooManyJobsException.class).hasMessageContaining("2 jobs queued or running");
        b.jobs.submit("key:other", rig.lease(), JobRig.penguins(1));
        assertThat(rig.command("KEYS *abc*")).as("the API key is not in Redis").isEqualTo("*0");

        a.start();
        JobRig.awaitFinished(a.jobs, first.id());
        JobRig.awaitFinished(a.jobs, second.id());
        assertThat(b.jobs.submit("key:abc", rig.lease(), JobRig.penguins(1)).toJson()).as("a finished job frees its slot")
                .containsEntry("state", "queued");
    }

    @Test
    void aResultIsGoneOnceItsTimeToLiveHasPassed() throws Exception {
        JobRig.Instance a = rig.instance("a", JobRig.jobs(16, 64, 2, Duration.ofSeconds(2)), 3, rig.work()).start();

        JobView job = JobRig.awaitFinished(a.jobs, a.jobs.submit("key:abc", rig.lease(), JobRig.penguins(2)).id());
        assertThat(job.toJson()).containsEntry("state", "succeeded");
        Thread.sleep(1000);
        assertThat(a.jobs.find(job.id())).as("still there within its time to live").isPresent();
        Thread.sleep(1500);
        assertThat(a.jobs.find(job.id())).isEmpty();
        assertThat(rig.command("EXISTS {p}:job:" + job.id())).isEqualTo(":0");
    }

    @Test
    void anIdThatIsNoJobIsNotFound() {
        JobRig.Instance a = rig.instance("a", rig.work());
        assertThat(a.jobs.find("00000000-0000-4000-8000-000000000000")).isEmpty();
        assertThat(a.jobs.find("../../stream")).isEmpty();
    }
}
