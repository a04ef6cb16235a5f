package io.tandem.server.inference;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.batch.LengthGroups;
import io.tandem.pipeline.batch.PreparedBatch;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.ServerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dynamic batching for one model: requests wait in a bounded queue; each worker thread takes the
 * first, gathers more until the batch is full or the first has waited the maximum queue delay,
 * stacks them ({@link PreparedBatch}, padding text to the longest row), runs the model once and
 * hands every caller its own row. With batching off every run has one row. Never more than
 * {@code queueCapacity} requests wait; the next one is refused ({@link OverloadedException}).
 */
public final class Batcher implements AutoCloseable {
    /** Told about every run; metrics listen here. */
    public interface Listener {
        void onRun(int batchSize, long runNanos);

        Listener NONE = (size, nanos) -> { };
    }

    /** Runs the model on stacked inputs; {@link ServerModel#run} in production. */
    @FunctionalInterface
    public interface Runner {
        Map<String, Tensor> run(Prepared batch) throws OrtException;
    }

    /** One request's share of a run: its (padded) row of the inputs and its row of the outputs. */
    public record Row(Prepared prepared, Map<String, Tensor> outputs) {
    }

    private record Pending(Prepared prepared, long enqueuedNanos, long deadlineNanos, CompletableFuture<Row> result) {
    }

    /** Largest share of padding tokens a run may carry before a batch is split by length. */
    public static final double MAX_PADDING_SHARE = 0.25;

    private final String name;
    private final Runner runner;
    private final ServerConfig.Inference config;
    private final double maxPaddingShare;
    private final Listener listener;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    public Batcher(ServerModel model, ServerConfig.Inference config, Listener listener) {
        this(model.manifest().id(), model::run, config, listener, MAX_PADDING_SHARE);
    }

    public Batcher(String name, Runner runner, ServerConfig.Inference config, Listener listener) {
        this(name, runner, config, listener, MAX_PADDING_SHARE);
    }

    /** @param maxPaddingShare 0 to 1; 1 = never split a gathered batch by length */
    public Batcher(String name, Runner runner, ServerConfig.Inference config, Listener listener, double maxPaddingShare) {
        this.name = name;
        this.maxPaddingShare = maxPaddingShare;
        this.runner = runner;
        this.config = config;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::work, "tandem-infer-" + name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Requests waiting for a worker. */
    public int queueDepth() {
        return queue.size();
    }

    public ServerConfig.Inference config() {
        return config;
    }

    /**
     * Queues one prepared input and waits for its row of the outputs, at most the configured time
     * limit from now.
     *
     * @throws OverloadedException       the queue is full
     * @throws InferenceTimeoutException the time limit passed first
     * @throws OrtException              onnxruntime failed on the batch
     */
    public Row run(Prepared prepared) throws OrtException {
        long now = System.nanoTime();
        long timeout = config.timeout().toNanos();
        Pending p = new Pending(prepared, now, now + timeout, new CompletableFuture<>());
        if (closed || !queue.offer(p)) {
            throw new OverloadedException("model " + name + " has " + config.queueCapacity()
                    + " requests waiting; try again shortly", 1);
        }
        try {
            return p.result().get(timeout, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            // Cancelled = a worker found it past its deadline while it still waited in the queue.
            p.result().cancel(false);
            throw new InferenceTimeoutException("the prediction took longer than the limit of "
                    + config.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            p.result().cancel(false);
            Thread.currentThread().interrupt();
            throw new InferenceTimeoutException("the request was interrupted while waiting for the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OrtException ort) {
                throw ort;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("inference failed", cause);
        }
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(config.effectiveBatchSize());
        while (!closed) {
            try {
                batch.clear();
                gather(batch);
            } catch (InterruptedException e) {
                break;
            }
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
        }
        failWaiting();
    }

    /** Blocks for the first live request, then takes more until full or the first's delay is spent. */
    private void gather(List<Pending> batch) throws InterruptedException {
        Pending first = live(queue.take());
        if (first == null) {
            return;
        }
        batch.add(first);
        int max = config.effectiveBatchSize();
        long until = first.enqueuedNanos() + config.maxQueueDelay().toNanos();
        while (batch.size() < max) {
            Pending next = queue.poll();
            if (next == null) {
                long wait = until - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (live(next) != null) {
                batch.add(next);
            }
        }
    }

    /** The request, or null when its caller gave up or its time ran out while it waited. */
    private static Pending live(Pending p) {
        if (p.result().isDone()) {
            return null;
        }
        if (System.nanoTime() - p.deadlineNanos() > 0) {
            p.result().cancel(false);
            return null;
        }
        return p;
    }

    /**
     * Runs what one worker gathered: rows of similar length together (so short texts are not
     * padded to a long one's length), each group as one onnxruntime run.
     */
    private void runBatch(List<Pending> batch) {
        if (batch.size() == 1) {
            runGroup(batch);
            return;
        }
        int[] lengths = new int[batch.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = lastAxis(batch.get(i).prepared());
        }
        for (int[] group : LengthGroups.split(lengths, maxPaddingShare)) {
            List<Pending> rows = new ArrayList<>(group.length);
            for (int i : group) {
                rows.add(batch.get(i));
            }
            runGroup(rows);
        }
    }

    /** The length of a row: the last axis of its first input (the token count for text). */
    private static int lastAxis(Prepared prepared) {
        for (Tensor t : prepared.feeds().values()) {
            return t.rank() == 0 ? 1 : t.dim(t.rank() - 1);
        }
        return 1;
    }

    private void runGroup(List<Pending> batch) {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>(batch.size());
        try {
            if (batch.size() == 1) {
                Prepared only = batch.get(0).prepared();
                rows.add(new Row(only, runner.run(only)));
            } else {
                List<Prepared> inputs = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    inputs.add(p.prepared());
                }
                PreparedBatch stacked = PreparedBatch.stack(inputs);
                Map<String, Tensor> outputs = runner.run(stacked.batched());
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(new Row(stacked.row(i), stacked.outputRow(outputs, i)));
                }
            }
        } catch (OrtException | RuntimeException e) {
            listener.onRun(batch.size(), System.nanoTime() - start);
            for (Pending p : batch) {
                p.result().completeExceptionally(e);
            }
            return;
        }
        // Told before the callers wake, so whoever reads the metrics after a result sees its run.
        listener.onRun(batch.size(), System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(rows.get(i));
        }
    }

    /** After {@link #close}: waits until every worker has finished the run it was in. */
    public void awaitStopped() {
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void failWaiting() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(new OverloadedException("the server is shutting down", 5));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failWaiting();
    }
}
