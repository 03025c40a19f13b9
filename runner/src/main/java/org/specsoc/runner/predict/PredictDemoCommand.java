package org.specsoc.runner.predict;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.archive.ModelProvenance;
import org.specsoc.runner.model.ModelCodec;
import org.specsoc.runner.wiring.ComputeBackendSelector;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunnerPluginContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code specsoc predict-demo --out docs/images}: the README's prediction example, end to end. Runs
 * {@link OodAcceptance} (a small network trained on synthetic data without its planted out-of-distribution
 * regions, calibrated on held-out spectra), saves the model archive, writes a synthetic ENVI scene
 * ({@link SyntheticScene}), runs {@code specsoc predict} on it, copies the three quick-looks to {@code --out}
 * and prints the measured flag rates and coverage.
 */
@Command(name = "predict-demo", hidden = true, mixinStandardHelpOptions = true,
        description = "Train a small model on synthetic data, predict a synthetic ENVI scene and copy the "
                + "quick-looks (the README's example).")
public final class PredictDemoCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the PNG quick-looks go.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the model and images are written "
            + "(default: a temporary directory).")
    Path work;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "Compute backend.")
    String backend;

    @Option(names = "--seed", defaultValue = "7", description = "Master seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        PluginRegistry plugins = PluginRegistry.discover(PredictDemoCommand.class.getClassLoader());
        var factories = plugins.factories(PluginKind.COMPUTE_BACKEND, ComputeBackendFactory.class);
        ComputeBackendFactory factory = new ComputeBackendSelector().choose(backend, factories).factory();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("specsoc-predict-demo");
        Files.createDirectories(out);
        var context = new RunnerPluginContext(null, new RandomStreams(seed).child("demo"), List.of(), List.of(),
                dir, null);
        try (ComputeBackend compute = factory.create(factory.configSpec()
                .bind(PluginKind.COMPUTE_BACKEND.prefix(), Map.of()), context)) {
            Instant start = Instant.now();
            var settings = OodAcceptance.Settings.small(seed);
            OodAcceptance.Outcome outcome = OodAcceptance.run(settings, compute);
            Path model = dir.resolve("demo-model.zip");
            var provenance = ModelProvenance.builder().specsocVersion("demo")
                    .plugin("encoder", "mlp", PredictDemoCommand.class)
                    .plugin("decoder", "ann", PredictDemoCommand.class).seed("master", seed)
                    .compute(factory.name(), compute.device().toString()).startedAt(start).build();
            ModelCodec.save(model, outcome.model(), Map.of("encoder.type", "mlp",
                    "encoder.hidden", Integer.toString(settings.hidden()),
                    "encoder.blocks", Integer.toString(settings.blocks()), "decoder.type", "ann",
                    "decoder.hidden", Integer.toString(settings.hidden()),
                    "decoder.blocks", Integer.toString(settings.blocks())),
                    provenance, outcome.calibration(), List.of());
            Path scene = SyntheticScene.write(dir, "scene", outcome.test(), outcome.ood(), 90, 120);
            Path prediction = dir.resolve("synthetic-scene.hdr");
            var predictOut = new StringWriter();
            var cli = new CommandLine(new PredictCommand(p -> PredictCommand.loadArchive(p, plugins, compute),
                    null));
            cli.setOut(new PrintWriter(predictOut));
            int code = cli.execute("--model", model.toString(), "--input", scene.toString(), "--output",
                    prediction.toString());
            if (code != 0) {
                return code;
            }
            for (String band : List.of("SOC", "MRMSE", "OOD")) {
                Path png = dir.resolve("synthetic-scene_" + band + ".png");
                Files.copy(png, out.resolve("predict-" + band.toLowerCase(Locale.ROOT) + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("backend: " + factory.name() + " (" + compute.device() + ")");
            System.out.println("training spectra: " + outcome.trainSpectra() + ", calibration: "
                    + outcome.calibration().interval().calibrationSize() + ", OOD threshold (MRMSE): "
                    + outcome.calibration().ood().threshold() + ", interval half-width: "
                    + outcome.calibration().interval().halfWidth());
            System.out.println(outcome.report().toTable());
            System.out.print(predictOut);
            System.out.println("quick-looks in " + out);
            return 0;
        }
    }
}
