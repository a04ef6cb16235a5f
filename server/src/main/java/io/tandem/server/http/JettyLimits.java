package io.tandem.server.http;

import io.javalin.config.JavalinConfig;
import io.tandem.server.ServerConfig;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What Jetty itself bounds before a request reaches a handler: connection idle timeout, connection
 * count, the slowest request body it waits for, no method override, and its own error pages in the
 * API's JSON shape. Jetty 11 (under Javalin 6) has no separate deadline for reading request
 * headers; the idle timeout (no byte for that long) and the 8 KiB header bound limit a trickler.
 */
public final class JettyLimits {
    /** Javalin's {@code ctx.method()} takes this header's word over the request line; we do not. */
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private JettyLimits() {
    }

    public static void apply(JavalinConfig javalin, ServerConfig config) {
        ServerConfig.Connections c = config.connections();
        // Javalin's defaults answer 500 for both; they are the caller's doing, and the log says so.
        javalin.jetty.clientAbortStatus = 499;
        javalin.jetty.timeoutStatus = 408;
        javalin.jetty.multipartConfig.maxTotalRequestSize(config.maxRequestBytes(), io.javalin.config.SizeUnit.BYTES);
        javalin.jetty.multipartConfig.maxFileSize(config.maxRequestBytes(), io.javalin.config.SizeUnit.BYTES);
        javalin.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
        javalin.jetty.modifyHttpConfiguration(http -> configure(http, c));
        javalin.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            server.addBean(new ConnectionLimit(c.maxConnections(), server));
            // Javalin adds its connector just before the server starts; it gets our idle timeout then.
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector a) {
                            a.setIdleTimeout(c.idleTimeout().toMillis());
                        }
                    }
                }
            });
        });
        javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
    }

    static void configure(HttpConfiguration http, ServerConfig.Connections c) {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(c.idleTimeout().toMillis());
        // Dispatch on the headers alone: a declared body over the limit is then refused at once
        // (413) instead of after the first body bytes, which a caller may never send.
        http.setDelayDispatchUntilContent(false);
        if (c.minBodyBytesPerSecond() > 0) {
            http.setMinRequestDataRate(c.minBodyBytesPerSecond());
        }
        // Dropped before any handler runs, so no route, guard or log ever sees another method than the request line's.
        http.addCustomizer((connector, configuration, request) -> {
            HttpFields fields = request.getHttpFields();
            if (fields != null && fields.contains(METHOD_OVERRIDE)) {
                request.setHttpFields(HttpFields.build(fields).remove(METHOD_OVERRIDE).asImmutable());
            }
        });
    }
}
