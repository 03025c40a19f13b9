package org.specsoc.runner.bench;

/**
 * One figure printed by {@code specsoc bench} and written to its JSON: either a throughput in GFLOP/s (for
 * GEMM shapes) or a time in seconds (with samples per second for epochs and data loading).
 */
public record Measurement(String backend, String name, Double gflops, Double seconds, Double samplesPerSecond,
                          String note) {

    public static Measurement gflops(String backend, String name, double gflops, String note) {
        return new Measurement(backend, name, gflops, null, null, note);
    }

    public static Measurement seconds(String backend, String name, double seconds, Double samplesPerSecond,
                                      String note) {
        return new Measurement(backend, name, null, seconds, samplesPerSecond, note);
    }
}
