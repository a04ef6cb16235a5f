package io.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance killed with SIGKILL while it runs a job: another instance takes the job over once
 * its claim has lapsed (TANDEM_JOB_VISIBILITY_TIMEOUT_S = 3), every accepted job ends succeeded,
 * and each input has exactly one result.
 *
 * <p>Which instance runs the long job is made certain rather than searched for: instance a starts
 * alone, so its one job worker takes the job; b and c start while it runs, and a is killed once
 * they are ready.
 */
class WorkerCrashTest extends ClusterTestBase {
    private static final String MINILM = "minilm-l6-v2";
    /** About 20 s of work for one worker on this machine: it is still running when b and c are up. */
    private static final int LONG_JOB_INPUTS = 800;


    @BeforeAll
    void start() {
        cluster = Cluster.named("worker-crash").bundles(MINILM)
                .env("TANDEM_JOB_WORKERS", "1")
                .env("TANDEM_JOB_MAX_INPUTS", Integer.toString(LONG_JOB_INPUTS))
                .env("TANDEM_JOB_MAX_ATTEMPTS", "3")
                .start("a");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aJobWhoseInstanceIsKilledFinishesElsewhereAndNoAcceptedJobIsLost() {
        Api a = cluster.api("a");
        List<List<Object>> inputs = List.of(Inputs.longTexts(10, LONG_JOB_INPUTS), Inputs.longTexts(11, 30), Inputs.longTexts(12, 30));
        List<String> jobs = new ArrayList<>();
        jobs.add(submit(a, inputs.get(0)));
        Reply running = Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> a.get(jobs.get(0)),
                j -> j.json().path("progress").path("done").asInt() > 0);
        assertThat(running.json().path("state").asText()).as("the long job on a: %s", running).isEqualTo("running");
        // Queued behind it: a's only worker is busy. Accepted (202) means they must not be lost.
        jobs.add(submit(a, inputs.get(1)));
        jobs.add(submit(a, inputs.get(2)));

        cluster.addInstances("b", "c").startNginx();
        Reply beforeKill = cluster.api("b").get(jobs.get(0));
        assertThat(beforeKill.json().path("state").asText())
                .as("the long job must still be running on a when it is killed; if this machine is faster, raise LONG_JOB_INPUTS: %s", beforeKill)
                .isEqualTo("running");

        cluster.instance("a").kill9();

        // nginx still holds a among its upstreams: a read that reaches the dead one goes to the next.
        for (int i = 0; i < 6; i++) {
            Reply r = cluster.viaNginx().get(jobs.get(0));
            assertThat(r.status()).as("a read through nginx after a was killed: %s", r).isEqualTo(200);
        }

        Api b = cluster.api("b");
        for (int j = 0; j < jobs.size(); j++) {
            Reply finished = Poll.untilJobFinished(b, jobs.get(j), Duration.ofSeconds(150));
            assertThat(finished.json().path("state").asText()).as("job %d: %s", j + 1, finished).isEqualTo("succeeded");
            assertEachInputHasExactlyOneResult(finished.json().path("results"), inputs.get(j));
        }
    }

    private static String submit(Api api, List<Object> inputs) {
        Reply r = api.submitJob(MINILM, inputs);
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        return r.header("Location").orElseThrow(() -> new AssertionError("no Location: " + r));
    }

    /**
     * As many results as inputs, no two alike (the texts differ, so their embeddings do: a result
     * written twice by a resumed job would repeat), and the first and the last in their input's
     * place: each the embedding a prediction of that input gives.
     */
    private void assertEachInputHasExactlyOneResult(JsonNode results, List<Object> inputs) {
        assertThat(results.size()).as("results").isEqualTo(inputs.size());
        Set<JsonNode> distinct = new HashSet<>();
        results.forEach(distinct::add);
        assertThat(distinct).as("distinct results").hasSize(inputs.size());
        Api c = cluster.api("c").noCache();
        for (int i : new int[]{0, inputs.size() - 1}) {
            Reply predicted = c.predict(MINILM, inputs.get(i));
            assertThat(predicted.status()).as("%s", predicted).isEqualTo(200);
            assertThat(cosine(results.get(i), predicted.json().path("output"))).as("result %d against its input's prediction", i)
                    .isGreaterThan(0.9999);
        }
    }

    private static double cosine(JsonNode a, JsonNode b) {
        assertThat(a.size()).isEqualTo(b.size()).isPositive();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.get(i).asDouble();
            double y = b.get(i).asDouble();
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }
}
