package org.specsoc.runner.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.specsoc.api.plugin.RandomStreams;

/**
 * A deterministic stand-in for the trainer: its numbers depend only on the run key, held-out regions in
 * {@code ood} fail (validation R² < 0, higher MRMSE), the linear-mixing runs "learn" the planted f_SOC plus
 * noise, and every run writes a short learning curve.
 */
final class FakeRunFunction implements RunFunction {
    final AtomicInteger calls = new AtomicInteger();
    private final Set<String> ood;
    private final double[] plantedSoc;
    private final int failAfter;
    private java.util.function.Function<RunKey, Exception> failing = k -> null;

    FakeRunFunction(Set<String> ood, double[] plantedSoc, int failAfter) {
        this.ood = ood;
        this.plantedSoc = plantedSoc;
        this.failAfter = failAfter;
    }

    /** A run throws what {@code thrown} gives for its key (null: it succeeds), as a failing training would. */
    FakeRunFunction failing(java.util.function.Function<RunKey, Exception> thrown) {
        this.failing = thrown;
        return this;
    }

    /** What a kill -9 looks like to the sweep: nothing is recorded for the run and the sweep stops. */
    static final class SimulatedKill extends Error {
        SimulatedKill() {
            super("simulated crash");
        }
    }

    /** A divergence as the trainer reports it. */
    static final class Diverged extends RuntimeException implements RunDivergence {
        Diverged(String message) {
            super(message);
        }
    }

    static double[] grid() {
        double[] w = new double[108];
        for (int i = 0; i < w.length; i++) {
            w[i] = 365 + 20 * i;
        }
        return w;
    }

    /** Dark, with troughs at 1400, 1900 and 2500 nm. */
    static double[] plantedSpectrum(double[] grid) {
        double[] f = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double x = grid[i];
            f[i] = 0.02 + 0.06 * (x - 365) / 2135 - 0.02 * Math.exp(-Math.pow((x - 1400) / 40, 2))
                    - 0.03 * Math.exp(-Math.pow((x - 1900) / 50, 2)) - 0.02 * Math.exp(-Math.pow((x - 2500) / 60, 2));
        }
        return f;
    }

    @Override
    public RunResult run(RunSpec spec) throws Exception {
        if (calls.incrementAndGet() > failAfter) {
            throw new SimulatedKill();
        }
        Exception failure = failing.apply(spec.key());
        if (failure != null) {
            throw failure;
        }
        RunKey key = spec.key();
        SplittableRandom random = new RandomStreams(key.seed()).child(key.id()).stream("fake");
        boolean bad = ood.contains(key.group());
        double r2 = bad ? -0.3 - random.nextDouble() : 0.2 + 0.6 * random.nextDouble();
        double mrmse = !key.architecture().hasDecoder() ? Double.NaN
                : (bad ? 0.05 : 0.033) + 0.01 * random.nextDouble();
        double[] soc = null;
        double rhoR = Double.NaN;
        if (key.architecture() == Architecture.LINEAR_MIXING) {
            soc = plantedSoc.clone();
            for (int i = 0; i < soc.length; i++) {
                soc[i] += 0.003 * random.nextGaussian();
            }
            rhoR = 2.4 + 0.1 * random.nextGaussian();
        }
        int epochs = spec.epochs().orElse(5);
        var curve = new StringBuilder("epoch,loss,val_r2\n");
        for (int e = 1; e <= epochs; e++) {
            curve.append(e).append(',').append(10.0 / e).append(',').append(r2 * e / epochs).append('\n');
        }
        Files.writeString(spec.learningCurve(), curve);
        if (spec.saveModelTo() != null) {
            Files.writeString(spec.saveModelTo(), "model of " + key.id());
        }
        if (spec.initialiseFrom() != null && !Files.isRegularFile(spec.initialiseFrom())) {
            throw new IOException("no model at " + spec.initialiseFrom());
        }
        var training = new Metrics(0.008 + 0.001 * random.nextDouble(), 0.98, 0.0001 * random.nextGaussian(),
                key.architecture().hasDecoder() ? 0.006 : Double.NaN, spec.rows().trainingEvaluation().length);
        var validation = new Metrics(0.03 + 0.02 * random.nextDouble(), r2, 0.002 * random.nextGaussian(), mrmse,
                spec.rows().validation().length);
        return new RunResult(key, training, validation, soc, rhoR, 1.25, "fake", "test cpu", null);
    }
}
