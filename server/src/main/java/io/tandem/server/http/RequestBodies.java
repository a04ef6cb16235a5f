package io.tandem.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads request bodies, bounded while they stream: at most {@code maxBytes} are ever read, chunked
 * or not (Javalin's own limit only looks at a declared Content-Length). JSON bodies must say
 * {@code application/json}, be strict UTF-8, one document with nothing after it, and valid Unicode.
 */
public final class RequestBodies {
    /** Deeper than any request of this API nests; bounds the parser's stack and our walks. */
    static final int MAX_JSON_DEPTH = 32;

    private final long maxBytes;
    private final ObjectMapper mapper;

    public RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .maxNumberLength(64)
                        .build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Refuses a declared Content-Length over the limit before anything reads the body (413 at once). */
    public void register(io.javalin.Javalin app) {
        app.before(ctx -> {
            if (ctx.req().getContentLengthLong() > maxBytes) {
                throw tooLarge(maxBytes);
            }
        });
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The raw body, at most {@code limit} bytes (and never more than the server's limit); 413 above. */
    public byte[] bytes(Context ctx, long limit) {
        long bound = Math.min(limit, maxBytes);
        if (ctx.req().getContentLengthLong() > bound) {
            throw tooLarge(bound);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            // One byte more than allowed tells "exactly the limit" from "over it" without reading on.
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bound + 1));
            if (body.length > bound) {
                throw tooLarge(bound);
            }
            return body;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                // Malformed chunking or a body slower than the minimum rate: Jetty's 400/408, not a hang-up.
                if (t instanceof org.eclipse.jetty.http.BadMessageException bad) {
                    throw bad;
                }
            }
            if (!ClientGoneException.timedOut(e) && callerStillConnected(ctx)) {
                // Jetty reports broken chunked framing to the reader as an early end of input; the
                // caller is still there to read why.
                throw ApiException.badRequest("the request body is not well-formed (broken chunked framing)");
            }
            throw new ClientGoneException(e);
        }
    }

    private static boolean callerStillConnected(Context ctx) {
        org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(ctx.req());
        return base != null && base.getHttpChannel() != null && base.getHttpChannel().getEndPoint().isOpen()
                && !base.getHttpChannel().getEndPoint().isInputShutdown();
    }

    public byte[] bytes(Context ctx) {
        return bytes(ctx, maxBytes);
    }

    /** A JSON body ({@code application/json}, optionally with parameters), at most {@code limit} bytes. */
    public JsonNode json(Context ctx, long limit, String expected) {
        requireJson(ctx, expected);
        return parse(bytes(ctx, limit));
    }

    public JsonNode json(Context ctx, String expected) {
        return json(ctx, maxBytes, expected);
    }

    /** 415 unless the Content-Type is exactly {@code application/json} (parameters such as a charset allowed). */
    static void requireJson(Context ctx, String expected) {
        if (!isJson(ctx.contentType())) {
            String found = ctx.contentType() == null ? "no Content-Type" : Echo.of(ctx.contentType());
            throw ApiException.unsupportedMediaType("send Content-Type: application/json " + expected + ", not " + found);
        }
    }

    static boolean isJson(String contentType) {
        return mediaType(contentType).equals("application/json") && utf8Charset(contentType);
    }

    /** The media type without parameters, lower case; "" when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean utf8Charset(String contentType) {
        for (String p : contentType.split(";")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                String cs = kv[1].trim().replace("\"", "");
                return cs.equalsIgnoreCase("utf-8") || cs.equalsIgnoreCase("utf8");
            }
        }
        return true;
    }

    /** Strict UTF-8 (a malformed byte is an error, never a silent U+FFFD), then strict JSON. */
    JsonNode parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("the JSON is nested deeper than " + MAX_JSON_DEPTH
                    + " levels or holds a number or string longer than the server accepts");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON" + where(e));
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("the body is empty; expected a JSON object");
        }
        StrictUnicode.check(root);
        return root;
    }

    /** "(line 1, column 7)": where the parser stopped, without its wording or class names. */
    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static ApiException tooLarge(long bound) {
        return new ApiException(413, "payload_too_large", "the request body is larger than the " + bound + " bytes accepted here");
    }
}
