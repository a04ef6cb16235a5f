package io.tandem.converter.io;

import io.tandem.converter.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as lower-case hex, the form manifests and browsers' SubtleCrypto compare. */
public final class Sha256 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int CHUNK = 1 << 20;

    private Sha256() {
    }

    public static String of(byte[] data) {
        return of(data, Progress.silent(), null);
    }

    /** Hashes in chunks so a long hash (90 MB) can report progress under {@code label}. */
    public static String of(byte[] data, Progress progress, String label) {
        MessageDigest md = newDigest();
        if (label != null) {
            progress.start(label, data.length);
        }
        for (int off = 0; off < data.length; off += CHUNK) {
            int n = Math.min(CHUNK, data.length - off);
            md.update(data, off, n);
            if (label != null) {
                progress.advance(n);
            }
        }
        if (label != null) {
            progress.finish();
        }
        return hex(md.digest());
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return hex(md.digest());
    }

    static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
