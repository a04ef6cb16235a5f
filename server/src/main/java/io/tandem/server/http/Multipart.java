package io.tandem.server.http;

/** Turns a failure of Jetty's multipart parser into the caller's 400 (or 413 when it was the size). */
final class Multipart {
    private Multipart() {
    }

    static ApiException refusal(Exception failure, long maxBytes) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            // Jetty words its size refusals "... exceeds maxRequestSize/maxFileSize (n)".
            if (m != null && m.contains("exceeds max")) {
                return new ApiException(413, "payload_too_large", "the multipart body is larger than " + maxBytes + " bytes");
            }
        }
        return ApiException.badRequest("the multipart body cannot be read: send one part named 'file' with a "
                + "PNG or JPEG, in multipart/form-data with its boundary");
    }
}
