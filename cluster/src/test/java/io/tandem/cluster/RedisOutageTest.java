package io.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away degrades an instance, it does not stop it: predictions go on from its own
 * cache and limits, {@code /ready} says Redis is down, and jobs, which only Redis can hold for the
 * cluster, are refused with a JSON 503 rather than accepted and lost. When Redis is back, so are
 * jobs. One instance is enough to show it.
 */
class RedisOutageTest extends ClusterTestBase {

    @BeforeAll
    void start() {
        cluster = Cluster.named("redis-outage").bundles("penguins").start("a");
    }

    @Test
    void withoutRedisPredictionsGoOnAndJobsAreRefusedUntilItIsBack() {
        Api a = cluster.api("a");
        assertThat(redisUp(a.get("/ready"))).as("Redis at start").contains(true);

        cluster.redis().kill();

        Reply predicted = a.predict("penguins", Inputs.penguin(90_001));
        assertThat(predicted.status()).as("a prediction with Redis down: %s", predicted).isEqualTo(200);

        Reply ready = Poll.until(Duration.ofSeconds(5), Duration.ofMillis(200), () -> a.get("/ready"),
                r -> redisUp(r).equals(Optional.of(false)));
        assertThat(redisUp(ready)).as("/ready's Redis detail with Redis down: %s", ready).contains(false);
        // Every instance shares the one Redis: were /ready to fail on it, the balancer would take all
        // of them out together, predictions and all, when they can still serve.
        assertThat(ready.status()).as("%s", ready).isEqualTo(200);
        assertThat(ready.json().path("sharedState").path("degraded").asBoolean()).as("sharedState.degraded: %s", ready).isTrue();

        Reply refused = a.submitJob("penguins", Inputs.penguins(90_100, 3));
        assertThat(refused.status()).as("a job with Redis down: %s", refused).isEqualTo(503);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(refused.json().path("error").asText()).as("%s", refused).isNotBlank();
        assertThat(refused.json().path("message").asText()).as("%s", refused).isNotBlank();

        cluster.redis().restart();
        Reply back = Poll.until(Duration.ofSeconds(5), Duration.ofMillis(200), () -> a.get("/ready"),
                r -> redisUp(r).equals(Optional.of(true)));
        assertThat(redisUp(back)).as("/ready's Redis detail once Redis is back: %s", back).contains(true);
        Reply accepted = a.submitJob("penguins", Inputs.penguins(90_200, 3));
        assertThat(accepted.status()).as("a job with Redis back: %s", accepted).isEqualTo(202);
        Reply finished = Poll.untilJobFinished(a, accepted.header("Location").orElseThrow(), Duration.ofSeconds(30));
        assertThat(finished.json().path("state").asText()).as("%s", finished).isEqualTo("succeeded");
    }

    /**
     * What {@code /ready} says of this cluster's Redis: the object in its answer that names the
     * Redis URL (port included) and says whether it is {@code up}; empty when there is none.
     * Found by content, not by path, so the test holds whatever the detail is nested under.
     */
    private Optional<Boolean> redisUp(Reply ready) {
        return find(ready.json(), ":" + cluster.redis().port());
    }

    private static Optional<Boolean> find(JsonNode node, String port) {
        if (node.isObject() && node.path("up").isBoolean() && node.path("url").asText().contains(port)) {
            return Optional.of(node.path("up").asBoolean());
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            Optional<Boolean> found = find(children.next(), port);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
