package io.tandem.server.jobs.redis;

import java.util.concurrent.atomic.AtomicLong;

/** What this instance's workers did, for metrics. */
final class JobCounters {
    /** Attempts started (new and reclaimed). */
    final AtomicLong taken = new AtomicLong();
    /** Of those, jobs taken over from a worker that stopped renewing its claim. */
    final AtomicLong reclaimed = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    /** Attempts given up because another instance had taken the job over meanwhile. */
    final AtomicLong fencedOut = new AtomicLong();
    /** Jobs given back unfinished as this instance shut down. */
    final AtomicLong handedBack = new AtomicLong();
}
