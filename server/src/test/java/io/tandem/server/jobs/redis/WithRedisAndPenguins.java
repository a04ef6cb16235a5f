package io.tandem.server.jobs.redis;

import io.tandem.server.ServerConfig;
import io.tandem.server.inference.Batcher;
import io.tandem.server.inference.Predictor;
import io.tandem.server.models.ModelRegistry;
import io.tandem.testkit.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One real Redis and the real penguins model for a test class; a fresh {@link JobRig} (own key prefix) per test. */
abstract class WithRedisAndPenguins {
    @TempDir
    static Path models;
    static RedisProcess redis;
    static ModelRegistry registry;
    static Predictor predictor;

    JobRig rig;

    @BeforeAll
    static void startRedisAndLoadTheModel() {
        redis = RedisProcess.start();
        registry = ModelRegistry.load(JobRig.penguinsOnly(models), 1);
        predictor = new Predictor(registry, ServerConfig.Inference.defaults(), m -> Batcher.Listener.NONE);
    }

    @AfterAll
    static void stopAll() {
        predictor.close();
        registry.close();
        redis.close();
    }

    @BeforeEach
    void newRig() {
        rig = new JobRig(redis, registry, predictor);
    }

    @AfterEach
    void closeRig() {
        rig.close();
    }
}
