package io.tandem.server.jobs.redis;

import io.tandem.server.ServerConfig;
import io.tandem.server.inference.Batcher;
import io.tandem.server.inference.Predictor;
import io.tandem.server.jobs.JobView;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelVersions;
import io.tandem.testkit.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A job runs on the version it was routed to, wherever it runs; if that version has left service, wholly on the current one. */
class RedisJobsVersionTest {
    @TempDir
    Path models;

    @Test
    void aJobWhoseVersionLeftServiceStartsOverOnTheStableOneNeverMixingTwo() throws Exception {
        JobRig.penguinsOnly(models);
        Path staged = Files.createDirectories(models.resolve(JobRig.MODEL).resolve(ModelRegistry.VERSIONS).resolve("1.1.0"));
        copyWithVersion(models.resolve(JobRig.MODEL), staged, "1.1.0");
        try (RedisProcess redis = RedisProcess.start();
             ModelRegistry registry = ModelRegistry.load(models, 1);
             Predictor predictor = new Predictor(registry, ServerConfig.Inference.defaults(), m -> Batcher.Listener.NONE);
             JobRig rig = new JobRig(redis, registry, predictor)) {
            registry.beforeClose(predictor::release);
            ModelVersions versions = registry.versions(JobRig.MODEL).orElseThrow();
            versions.stage("1.1.0", 0);

            JobRig.Instance a = rig.instance("a", rig.work().stuckFrom(2)).start();
            String id = a.jobs.submit("key:abc", registry.acquireVersion(JobRig.MODEL, "1.1.0").orElseThrow(), JobRig.penguins(3)).id();
            assertThat(a.work.stuck.await(10, TimeUnit.SECONDS)).isTrue();
            JobRig.await(a.jobs, id, j -> j.progressJson().get("progress").equals(Map.of("done", 1, "total", 3)), Duration.ofSeconds(5));
            assertThat(rig.command("HGET {p}:job:" + id + " version")).isEqualTo("$5");
            a.crash();
            versions.dropCandidate();

            JobRig.Instance b = rig.instance("b", rig.work()).start();
            JobView done = JobRig.awaitFinished(b.jobs, id);

            assertThat(done.toJson()).containsEntry("state", "succeeded").containsEntry("progress", Map.of("done", 3, "total", 3));
            assertThat(b.work.calls.get()).as("all three inputs again, on 1.0.0").isEqualTo(3);
            try (var lease = registry.acquire(JobRig.MODEL, "x").orElseThrow()) {
                assertThat(lease.model().manifest().version()).isEqualTo("1.0.0");
            }
        }
    }

    private static void copyWithVersion(Path bundle, Path into, String version) throws IOException {
        try (var files = Files.list(bundle)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, into.resolve(f.getFileName()));
            }
        }
        Path manifest = into.resolve("manifest.json");
        String json = Files.readString(manifest);
        if (!json.contains("\"version\": \"1.0.0\"")) {
            throw new IllegalStateException("the penguins manifest has no \"version\": \"1.0.0\"");
        }
        Files.writeString(manifest, json.replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\""));
    }
}
