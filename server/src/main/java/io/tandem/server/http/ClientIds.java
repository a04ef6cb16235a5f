package io.tandem.server.http;

import io.javalin.http.Context;

/**
 * Who a request comes from, for the sticky canary split: the {@code X-Tandem-Client} header a page
 * may send (a random id it keeps), else the caller's API key, else its address. Only ever hashed
 * into a bucket, never logged.
 */
public final class ClientIds {
    static final String HEADER = "X-Tandem-Client";
    private static final int MAX_LENGTH = 200;

    private ClientIds() {
    }

    /**
     * Who a request comes from for quotas (jobs, drift reports): the API key when one was accepted,
     * else the address. Not the {@code X-Tandem-Client} header: a caller picks that freely.
     */
    public static String caller(Context ctx) {
        String key = ctx.attribute(ApiKeys.ATTRIBUTE);
        return key != null ? "key:" + key : "ip:" + ClientAddress.of(ctx);
    }

    static String of(Context ctx) {
        String header = ctx.header(HEADER);
        if (header != null && !header.isBlank()) {
            String id = header.trim();
            return "client:" + (id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id);
        }
        String key = ctx.attribute(ApiKeys.ATTRIBUTE);
        if (key != null) {
            return "key:" + key;
        }
        return "ip:" + ClientAddress.of(ctx);
    }
}
