package org.specsoc.runner.bench;

import java.util.List;
import org.specsoc.api.compute.ComputeBackend;

/** One group of measurements of {@code specsoc bench}, run once per available backend. */
public interface Benchmark {

    /** Short name used by {@code --only}, e.g. {@code gemm}, {@code epoch}, {@code data}. */
    String name();

    /** Whether this benchmark runs by default (the data-loading one only runs with {@code --data}). */
    default boolean runsByDefault() {
        return true;
    }

    List<Measurement> run(ComputeBackend backend, BenchOptions options) throws Exception;
}
