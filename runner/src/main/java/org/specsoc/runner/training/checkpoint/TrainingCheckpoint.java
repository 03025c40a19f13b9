package org.specsoc.runner.training.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.Tensor;

/**
 * Everything needed to continue a training run where it stopped: the model as it was after {@code epoch}
 * (a full {@link ModelArchive}, so a checkpoint also loads as a model), Adam's first and second moments, and
 * the counters and random state of the trainer.
 *
 * @param epoch          epochs completed (1-based: 120 means the 120th epoch has ended)
 * @param step           optimizer steps taken (Adam's bias correction uses it)
 * @param seed           the run's master seed
 * @param model          parameters, BatchNorm statistics and everything else of the model at this point
 * @param firstMoments   Adam's m by buffer name, in a stable order
 * @param secondMoments  Adam's v, with the same names and lengths as {@code firstMoments}
 * @param trainerState   whatever else the trainer needs to continue identically (RNG stream positions, best
 *                       loss so far, ...), as JSON; an empty object when nothing
 */
public record TrainingCheckpoint(int epoch, long step, long seed, ModelArchive model,
                                 Map<String, float[]> firstMoments, Map<String, float[]> secondMoments,
                                 JsonNode trainerState) {

    /** The archive extra holding the counters; its presence is what makes an archive a checkpoint. */
    public static final String EXTRA = "checkpoint";
    /** Prefixes of the moment tensors in the archive; model tensors may not use them. */
    public static final String FIRST_MOMENT_PREFIX = "optimizer.adam-m.";
    public static final String SECOND_MOMENT_PREFIX = "optimizer.adam-v.";
    private static final String OPTIMIZER_PREFIX = "optimizer.";

    public TrainingCheckpoint {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("checkpoint epoch " + epoch + " and step " + step
                    + " must not be negative");
        }
        Objects.requireNonNull(model, "model");
        for (String name : model.tensors().keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("model tensor '" + name + "' uses the prefix '" + OPTIMIZER_PREFIX
                        + "', which checkpoints keep for the optimizer state");
            }
        }
        if (model.extras().containsKey(EXTRA)) {
            throw new IllegalArgumentException("the model already has a '" + EXTRA + "' extra");
        }
        firstMoments = copy(firstMoments);
        secondMoments = copy(secondMoments);
        if (!firstMoments.keySet().equals(secondMoments.keySet())) {
            throw new IllegalArgumentException("Adam's first and second moments name different buffers: "
                    + firstMoments.keySet() + " and " + secondMoments.keySet());
        }
        for (var e : firstMoments.entrySet()) {
            int second = secondMoments.get(e.getKey()).length;
            if (e.getValue().length != second) {
                throw new IllegalArgumentException("Adam buffer '" + e.getKey() + "' has " + e.getValue().length
                        + " first moments but " + second + " second moments");
            }
        }
        trainerState = trainerState == null ? JsonNodeFactory.instance.objectNode() : trainerState.deepCopy();
    }

    private static Map<String, float[]> copy(Map<String, float[]> buffers) {
        var out = new LinkedHashMap<String, float[]>();
        Objects.requireNonNull(buffers, "moments").forEach((k, v) -> out.put(k, v.clone()));
        return Collections.unmodifiableMap(out);
    }

    /** The archive this checkpoint is saved as: the model plus moment tensors and the {@value #EXTRA} extra. */
    public ModelArchive toArchive() {
        var moments = new ArrayList<Tensor>();
        firstMoments.forEach((name, m) -> moments.add(new Tensor(FIRST_MOMENT_PREFIX + name, shapeOf(name, m), m)));
        secondMoments.forEach((name, v) -> moments.add(new Tensor(SECOND_MOMENT_PREFIX + name, shapeOf(name, v),
                v)));
        ObjectNode counters = JsonNodeFactory.instance.objectNode();
        counters.put("epoch", epoch).put("step", step).put("seed", seed);
        var names = counters.putArray("moments");
        firstMoments.keySet().forEach(names::add);
        counters.set("state", trainerState);
        return model.withTensors(moments).withExtra(EXTRA, counters);
    }

    /** The moments of a parameter take its shape, so that numpy shows them side by side; others stay flat. */
    private int[] shapeOf(String name, float[] values) {
        Tensor parameter = model.tensors().get(name);
        return parameter != null && parameter.data().length == values.length ? parameter.shape()
                : new int[] {values.length};
    }

    /** Reads a checkpoint back from its archive; {@code source} names the file in errors. */
    public static TrainingCheckpoint fromArchive(ModelArchive archive, Path source) throws ArchiveFormatException {
        JsonNode counters = archive.extras().get(EXTRA);
        if (counters == null) {
            throw new ArchiveFormatException(source, "extras/" + EXTRA + ".json", "missing: this is a model"
                    + " archive, not a training checkpoint", null);
        }
        try {
            int epoch = requireNumber(counters, "epoch").intValue();
            long step = requireNumber(counters, "step").longValue();
            long seed = requireNumber(counters, "seed").longValue();
            List<String> names = new ArrayList<>();
            JsonNode list = counters.get("moments");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("'moments' must list the Adam buffer names");
            }
            list.forEach(n -> names.add(n.asText()));
            var first = new LinkedHashMap<String, float[]>();
            var second = new LinkedHashMap<String, float[]>();
            for (String name : names) {
                first.put(name, archive.requireTensor(FIRST_MOMENT_PREFIX + name).data());
                second.put(name, archive.requireTensor(SECOND_MOMENT_PREFIX + name).data());
            }
            ModelArchive model = archive.withoutTensors(OPTIMIZER_PREFIX);
            var extras = new LinkedHashMap<>(model.extras());
            extras.remove(EXTRA);
            model = new ModelArchive(model.config(), model.provenance(), model.wavelengths(), model.tensors(),
                    model.endmemberNames(), extras);
            if (model.tensors().size() + 2 * names.size() != archive.tensors().size()) {
                throw new IllegalArgumentException("the archive has optimizer tensors that 'moments' does not list");
            }
            return new TrainingCheckpoint(epoch, step, seed, model, first, second, counters.get("state"));
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(source, "extras/" + EXTRA + ".json", e.getMessage(), e);
        }
    }

    private static Number requireNumber(JsonNode counters, String field) {
        JsonNode n = counters.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, found " + n);
        }
        return n.numberValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingCheckpoint c && epoch == c.epoch && step == c.step && seed == c.seed
                && model.equals(c.model) && sameBuffers(firstMoments, c.firstMoments)
                && sameBuffers(secondMoments, c.secondMoments) && trainerState.equals(c.trainerState);
    }

    private static boolean sameBuffers(Map<String, float[]> a, Map<String, float[]> b) {
        if (!List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) {
            return false;
        }
        for (var e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, step, seed, model, firstMoments.keySet());
    }

    @Override
    public String toString() {
        return "TrainingCheckpoint[epoch " + epoch + ", step " + step + ", seed " + seed + ", " + model + ", "
                + firstMoments.size() + " Adam buffers]";
    }
}
