package io.tandem.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The caller's address for limits and quotas. Behind {@code n} trusted proxies it is the n-th
 * {@code X-Forwarded-For} entry from the right: each proxy appends the address it saw, so the
 * entries left of those are the caller's own words and never believed. Without trusted proxies,
 * or when the header has fewer entries than proxies (a request that bypassed them), the
 * connection's address.
 */
public final class ClientAddress {
    static final String ATTRIBUTE = "tandem.clientAddress";
    static final String HEADER = "X-Forwarded-For";
    /** More than this many characters of the header is not a real proxy chain; it is not read. */
    private static final int MAX_HEADER = 1000;

    private final int trustedProxies;

    public ClientAddress(int trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** Works out each request's address once, before the limits run. */
    public void register(Javalin app) {
        if (trustedProxies > 0) {
            app.before(ctx -> ctx.attribute(ATTRIBUTE, resolve(ctx.ip(), ctx.header(HEADER))));
        }
    }

    String resolve(String connection, String forwarded) {
        if (forwarded == null || forwarded.isBlank() || forwarded.length() > MAX_HEADER) {
            return connection;
        }
        String[] hops = forwarded.split(",");
        int index = hops.length - trustedProxies;
        if (index < 0) {
            return connection;
        }
        String address = hops[index].trim();
        return address.isEmpty() || !address.matches("[0-9A-Fa-f:.\\[\\]]{2,64}") ? connection : address;
    }

    /** The caller's address: the resolved one when proxies are trusted, else the connection's. */
    public static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.ip();
    }
}
