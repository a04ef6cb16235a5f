package io.tandem.server;

import io.tandem.server.shared.SharedStateConfig;
import io.tandem.testkit.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis goes away under a running instance: predictions go on (cache and limits fall back to the
 * instance's own), {@code /ready} stays 200 but says what is degraded, changes the other instances
 * could not follow are refused with 503 and a JSON body; when Redis is back, so is sharing.
 */
class RedisOutageTest {
    private static final String KEY = "outage-key";

    @TempDir
    Path models;

    @Test
    void predictionsGoOnWhileRedisIsDownAndSharingResumesWhenItIsBack() {
        try (RedisProcess redis = RedisProcess.start()) {
            VersionFolders folders = new VersionFolders(models);
            folders.stage("1.1.0");
            ServerConfig.Access access = new ServerConfig.Access(Set.of(KEY), ServerConfig.RateLimit.perMinute(3),
                    ServerConfig.RateLimit.perMinute(0), Set.of(AdminClient.KEY));
            ServerConfig config = ServerConfig.forModels(folders.models()).withAccess(access)
                    .withShared(SharedStateConfig.redis(redis.url()).withInstanceId("lonely"));
            try (RunningServer server = new RunningServer(config)) {
                assertThat(json(server.get("/ready")).get("sharedState").get("redis").get("up").asBoolean()).isTrue();

                redis.kill();
                HttpResponse<String> first = predict(server);
                assertThat(first.statusCode()).as("a prediction does not need Redis: %s", first.body()).isEqualTo(200);
                assertThat(predict(server).headers().firstValue("X-Tandem-Cache")).as("the local tier still caches").hasValue("HIT");

                HttpResponse<String> ready = server.get("/ready");
                assertThat(ready.statusCode()).as("still in service: it predicts").isEqualTo(200);
                assertThat(json(ready).get("sharedState").get("degraded").asBoolean()).isTrue();
                assertThat(json(ready).get("sharedState").get("redis").get("up").asBoolean()).isFalse();
                assertThat(json(ready).get("sharedState").get("redis").get("error").asText()).isNotBlank();
                assertThat(server.get("/metrics").body()).contains("tandem_redis_up{role=\"state\"} 0.0");

                // The third guarded request of 3 a minute.
                HttpResponse<String> job = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + VersionFolders.MODEL + "/jobs")))
                        .header("Content-Type", "application/json").header("X-API-Key", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [" + SharedStateServerTest.Digit.INPUT + "]}")).build());
                assertThat(job.statusCode()).as("a job is refused, not accepted and lost: %s", job.body()).isEqualTo(503);
                assertThat(json(job).get("error").asText()).isEqualTo("unavailable");
                assertThat(job.headers().firstValue("Retry-After")).hasValue("5");

                HttpResponse<String> limited = predict(server);
                assertThat(limited.statusCode()).as("the limit of 3 a minute holds on this instance's own buckets").isEqualTo(429);

                AdminClient admin = new AdminClient(server);
                admin.fails(503, "unavailable", "POST", "/versions", "{\"version\":\"1.1.0\",\"canaryPercent\":10}");
                assertThat(AdminClient.stateOf(admin.status(), "1.1.0")).as("nothing changed on this instance either").isEqualTo("absent");

                redis.restart();
                SharedStateServerTest.awaitTrue("the link sees Redis again",
                        () -> json(server.get("/ready")).get("sharedState").get("redis").get("up").asBoolean());
                admin.stage("1.1.0", 10);
                assertThat(redis.command("EXISTS tandem:rollout:" + VersionFolders.MODEL)).isEqualTo(":1");
            }
        }
    }

    private static HttpResponse<String> predict(RunningServer server) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + VersionFolders.MODEL + "/predict")))
                .header("Content-Type", "application/json")
                .header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(SharedStateServerTest.Digit.JSON)).build());
    }
}
