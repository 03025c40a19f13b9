package org.specsoc.compute.java;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon worker threads that run numbered tasks with the calling thread. Which thread runs which
 * task is left to chance, so callers make every task write its own outputs in a fixed order: results then do not
 * depend on the thread count or on scheduling.
 *
 * <p>Why not an {@code ExecutorService}: a training step issues hundreds of calls of a few hundred microseconds
 * each (the 93-wide GEMMs, BatchNorm, Adam chunks), and waking a parked pool thread through a queue and a
 * {@code Future} costs tens of microseconds per call. Here the workers spin for {@link #SPIN_NANOS} after each
 * job before parking, so back-to-back calls find them awake, and the caller publishes a job with one volatile
 * write.
 */
final class WorkPool implements AutoCloseable {
    /** How long an idle worker (and a caller waiting for the last task) spins before it parks or yields. */
    private static final long SPIN_NANOS = 50_000;

    /** One {@link #forEach} call: tasks are claimed from {@code next}; {@code running} counts workers inside. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger running;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int tasks, IntConsumer body, int workers) {
            this.tasks = tasks;
            this.body = body;
            this.running = new AtomicInteger(workers);
        }

        void work() {
            try {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    body.accept(i);
                }
            } catch (Throwable t) {
                next.set(tasks);
                failure.compareAndSet(null, t);
            }
        }
    }

    private final int threads;
    private final Thread[] workers;
    private volatile Job job;
    private volatile boolean closed;

    WorkPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            Thread t = new Thread(this::workerLoop, "specsoc-java-compute-" + (w + 1));
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} for 0 &lt;= i &lt; tasks, the calling thread taking part; returns when all are done. */
    void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (workers.length == 0 || tasks == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("the compute pool is closed");
        }
        Job j = new Job(tasks, body, workers.length);
        job = j;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        j.work();
        // The workers' decrements of `running` publish their writes to this thread.
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (j.running.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable failure = j.failure.get();
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException("compute task failed", failure);
        }
    }

    private void workerLoop() {
        Job done = null;
        while (!closed) {
            Job j = job;
            if (j == done) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while ((j = job) == done && !closed && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                }
                if (j == done) {
                    // A forEach that starts after this read unparks us, so the park cannot miss it.
                    LockSupport.park(this);
                    continue;
                }
            }
            j.work();
            j.running.decrementAndGet();
            done = j;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
