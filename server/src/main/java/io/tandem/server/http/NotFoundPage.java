package io.tandem.server.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The 404 a person sees: a browser asking for a page ({@code Accept: text/html}) outside
 * {@code /api/} gets the web jar's {@code public/404.html} — the site's navigation and a way
 * back — instead of a JSON error. Scripts and API callers (any other Accept) keep the JSON shape.
 */
final class NotFoundPage {
    static final String RESOURCE = "/public/404.html";
    /** When the web jar is not on the classpath (server tests, a headless deployment). */
    static final String FALLBACK = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
            + "<body><h1>Page not found</h1><p><a href=\"/\">Home</a></p></body></html>";

    private final String html;

    NotFoundPage() {
        this.html = read();
    }

    /** A browser navigating to a page that is not here (not an API path, HTML accepted). */
    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return !ctx.path().startsWith("/api/") && accept != null && accept.contains("text/html");
    }

    void respond(Context ctx) {
        ctx.status(404).contentType("text/html; charset=utf-8").result(html);
    }

    private static String read() {
        try (InputStream in = NotFoundPage.class.getResourceAsStream(RESOURCE)) {
            return in == null ? FALLBACK : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
