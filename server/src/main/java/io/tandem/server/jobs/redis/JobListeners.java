package io.tandem.server.jobs.redis;

import io.tandem.server.jobs.JobView;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The listeners of this instance (its SSE streams), by job. A notice that a job changed — from
 * whichever instance runs it — makes this instance read the job once and tell each of them; a
 * finished job's listeners are dropped. Only jobs someone here listens to are read.
 */
final class JobListeners {
    private final Map<String, List<Consumer<JobView>>> byJob = new ConcurrentHashMap<>();
    private final Function<String, Optional<JobView>> read;

    JobListeners(Function<String, Optional<JobView>> read) {
        this.read = read;
    }

    Runnable add(String id, Consumer<JobView> listener) {
        byJob.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byJob.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Called with each notice's job id, on the notice thread. */
    void changed(String id) {
        List<Consumer<JobView>> listeners = byJob.get(id);
        if (listeners == null) {
            return;
        }
        Optional<JobView> job = read.apply(id);
        if (job.isEmpty()) {
            // Gone (Redis lost it, or it expired): nothing more will ever change.
            byJob.remove(id);
            return;
        }
        for (Consumer<JobView> l : listeners) {
            l.accept(job.get());
        }
        if (job.get().finished()) {
            byJob.remove(id);
        }
    }

    /** After a reconnection: notices sent meanwhile were lost, so every job listened to is read again. */
    void resync() {
        for (String id : List.copyOf(byJob.keySet())) {
            changed(id);
        }
    }


    void clear() {
        byJob.clear();
    }
}
