package io.tandem.server.http;

/** One registered HTTP route: method and path template as Javalin has them ({@code /api/v1/models/{id}}). */
public record Route(String method, String path) {
}
