package io.tandem.server.jobs.redis;

/**
 * One worker's turn at one job, from its start to its final write. Once Redis refuses one of its
 * writes, another instance has the job: the turn is lost and nothing more of it is written.
 */
final class Attempt {
    private final JobScripts scripts;
    private final Delivery delivery;
    private final long number;
    private volatile boolean lost;
    /** Its final write is done (or it was handed back): nothing left to renew. */
    private volatile boolean ended;

    Attempt(JobScripts scripts, Delivery delivery, long number) {
        this.scripts = scripts;
        this.delivery = delivery;
        this.number = number;
    }

    String jobId() {
        return delivery.jobId();
    }

    long number() {
        return number;
    }

    boolean lost() {
        return lost;
    }

    boolean renew() {
        return ended || held(!lost && scripts.renew(jobId(), number, delivery.entryId()));
    }

    boolean progress(int index, String resultJson) {
        return held(scripts.progress(jobId(), number, index, resultJson));
    }

    boolean restart(String version) {
        return held(scripts.restart(jobId(), number, version));
    }

    boolean succeed() {
        return end(scripts.succeed(jobId(), number, delivery.entryId()));
    }

    boolean fail(String error, String message) {
        return end(scripts.fail(jobId(), number, delivery.entryId(), error, message));
    }

    boolean handBack() {
        return end(scripts.handBack(jobId(), number, delivery.entryId()));
    }

    private boolean end(boolean stillOurs) {
        ended = true;
        return held(stillOurs);
    }

    private boolean held(boolean stillOurs) {
        if (!stillOurs) {
            lost = true;
        }
        return stillOurs;
    }
}
