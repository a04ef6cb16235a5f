package io.tandem.server;

import io.javalin.Javalin;
import io.javalin.util.JavalinLogger;
import io.tandem.server.shared.SharedStateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the environment, builds the app, starts it. Nothing else lives here. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("tandem-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            // The task registry first: an extension on the class path that registers a name twice,
            // or throws, is one line here rather than a stack trace from the first bundle opened.
            io.tandem.pipeline.task.Tasks.all();
        } catch (ExceptionInInitializerError e) {
            System.err.println("tandem-server: the task registry cannot start: " + (e.getCause() == null ? e : e.getCause().getMessage()));
            System.exit(1);
            return;
        }
        // Javalin's own start-up lines (its version's age, each static-file handler's config) say
        // nothing an operator acts on; the summary below says what does.
        JavalinLogger.startupInfo = false;
        TandemServer server;
        try {
            server = TandemServer.create(config);
        } catch (StartupException e) {
            System.err.println("tandem-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        Javalin app = server.app();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "tandem-shutdown"));
        app.start(config.port());
        LOG.info("Tandem is running at http://localhost:{}/ with models {}{}", app.port(), server.registry().ids(),
                server.registry().broken().isEmpty() ? "" : " (" + server.registry().broken().size() + " broken: see /ready)");
        LOG.info("shared state: {}", config.shared().enabled()
                ? "Redis at " + SharedStateConfig.redacted(config.shared().redisUrl()) + " as instance "
                        + config.shared().instanceId()
                : "this process (one machine; set TANDEM_REDIS_URL to run several)");
        ServerConfig.Inference inference = config.inference();
        LOG.info("batching {} (max {}, delay {} ms, queue {}, {} worker(s), limit {} ms); cache {} MB; API keys {}; "
                        + "rate limits per key {}/min, per address {}/min; admin API {}",
                inference.batching() ? "on" : "off", inference.maxBatchSize(), inference.maxQueueDelay().toMillis(),
                inference.queueCapacity(), inference.workers(), inference.timeout().toMillis(),
                config.cache().maxBytes() >> 20, config.access().keysRequired() ? config.access().apiKeys().size() + " configured" : "off",
                config.access().perKey().requests(), config.access().perIp().requests(),
                config.access().adminKeys().isEmpty() ? "off" : "on");
        ServerConfig.Connections c = config.connections();
        LOG.info("bounds: body {} bytes, image {} pixels, idle timeout {} s, {} connections, body rate {} B/s, {} job(s) per client",
                config.maxRequestBytes(), config.maxImagePixels(), c.idleTimeout().toSeconds(), c.maxConnections(),
                c.minBodyBytesPerSecond(), config.jobs().maxPerClient());
    }
}
