package io.tandem.server.jobs.redis;

import redis.clients.jedis.resps.StreamEntry;

import java.util.Map;

/**
 * A stream entry this instance's consumer now holds: new ({@code XREADGROUP}) or taken over from
 * a worker that stopped renewing its claim ({@code XAUTOCLAIM}).
 *
 * @param jobId null for an entry that names no job (not ours to run)
 */
record Delivery(String entryId, String jobId, boolean reclaimed) {
    static Delivery of(StreamEntry entry, boolean reclaimed) {
        Map<String, String> fields = entry.getFields();
        return new Delivery(entry.getID().toString(), fields == null ? null : fields.get(JobKeys.ENTRY_FIELD), reclaimed);
    }
}
