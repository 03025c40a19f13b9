package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkPoolTest {

    @Test
    void everyTaskRunsExactlyOnceAcrossManyBackToBackCalls() {
        try (var pool = new WorkPool(3)) {
            for (int call = 0; call < 5_000; call++) {
                int tasks = 1 + call % 17;
                var runs = new AtomicIntegerArray(tasks);
                pool.forEach(tasks, runs::incrementAndGet);
                for (int t = 0; t < tasks; t++) {
                    assertThat(runs.get(t)).as("call %d task %d", call, t).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void plainWritesOfTheTasksAreVisibleToTheCallerWhenForEachReturns() {
        try (var pool = new WorkPool(2)) {
            for (int call = 0; call < 5_000; call++) {
                int[] out = new int[64];
                int stamp = call;
                pool.forEach(out.length, t -> out[t] = stamp + t);
                for (int t = 0; t < out.length; t++) {
                    assertThat(out[t]).isEqualTo(call + t);
                }
            }
        }
    }

    @Test
    void theWorkerThreadsTakePart() {
        try (var pool = new WorkPool(2)) {
            var threads = ConcurrentHashMap.<String>newKeySet();
            for (int call = 0; call < 200 && threads.size() < 2; call++) {
                pool.forEach(64, t -> {
                    threads.add(Thread.currentThread().getName());
                    long until = System.nanoTime() + 20_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertThat(threads).hasSize(2).anyMatch(n -> n.startsWith("specsoc-java-compute-"));
        }
    }

    @Test
    void aFailingTaskIsRethrownAndThePoolStaysUsable() {
        try (var pool = new WorkPool(2)) {
            assertThatThrownBy(() -> pool.forEach(100, t -> {
                if (t == 37) {
                    throw new IllegalArgumentException("task 37 failed");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 37 failed");
            var runs = new AtomicIntegerArray(10);
            pool.forEach(10, runs::incrementAndGet);
            for (int t = 0; t < 10; t++) {
                assertThat(runs.get(t)).isEqualTo(1);
            }
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        var pool = new WorkPool(2);
        pool.close();
        assertThatThrownBy(() -> pool.forEach(4, t -> { })).isInstanceOf(IllegalStateException.class);
    }
}
