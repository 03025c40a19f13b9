package org.specsoc.runner.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.config.EffectiveConfiguration;
import org.specsoc.runner.wiring.RunEnvironment;

/**
 * {@code provenance.json}: what produced the results (specsoc and Java versions, machine, compute backend and
 * why, the data set's files with their SHA-256, the preprocessing steps applied to it, the effective
 * configuration file next to it). The runner
 * already wrote {@value EffectiveConfiguration#FILE_NAME}; this names it.
 */
final class Provenance {
    static final String FILE_NAME = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {
    }

    static void write(Path output, RunEnvironment environment, ExperimentData data, String experiment, int runs,
                      Instant started) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", experiment);
        String version = Provenance.class.getPackage().getImplementationVersion();
        root.put("specsocVersion", version == null ? "development build" : version);
        root.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("runs", runs);
        root.put("lastInvocationStarted", started.toString());
        root.put("lastInvocationFinished", Instant.now().toString());
        ObjectNode backend = root.putObject("computeBackend");
        backend.put("name", environment.backendChoice().name());
        backend.put("reason", environment.backendChoice().reason());
        backend.put("device", String.valueOf(environment.backend().device()));
        DatasetProvenance p = data.dataset().provenance();
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("source", p.source());
        dataset.put("rows", data.dataset().rows());
        dataset.put("labelled", data.dataset().labelledCount());
        dataset.put("bands", data.dataset().bands());
        var files = dataset.putArray("files");
        p.files().forEach(f -> files.addObject().put("path", f.path()).put("sha256", f.sha256()).put("rows", f.rows()));
        dataset.put("rawBands", data.dataGrid().length);
        // The fitted steps as the model archive stores them: name and parameters, in order.
        var steps = root.putArray("preprocessing");
        org.specsoc.runner.model.StoredPreprocessing.describe(data.preprocessing())
                .forEach(step -> {
                    var node = steps.addObject();
                    step.forEach(node::put);
                });
        var facts = dataset.putObject("facts");
        new java.util.TreeMap<>(p.facts()).forEach(facts::put);
        root.put("effectiveConfiguration", EffectiveConfiguration.FILE_NAME);
        var notes = root.putArray("configurationNotes");
        environment.effectiveConfiguration().notes().forEach(notes::add);
        AtomicFileWriter.write(output.resolve(FILE_NAME), JSON.writeValueAsBytes(root));
    }
}
