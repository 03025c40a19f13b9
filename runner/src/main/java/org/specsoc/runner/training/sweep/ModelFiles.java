package org.specsoc.runner.training.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.MixingDecoder;
import org.specsoc.api.model.NetworkPart;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.specsoc.runner.archive.ModelProvenance;
import org.specsoc.runner.archive.Tensor;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.training.JointModel;

/**
 * The one place where a sweep turns a trained model into a {@link ModelArchive} and back (a trained model for
 * {@code spec.modelOutput()}, a checkpoint's model part, the starting point of a fine-tuning phase).
 *
 * <p>Tensors are named {@code encoder.<tensor>} and {@code decoder.<tensor>} after {@link NetworkPart#tensors()}
 * (parameters and BatchNorm statistics alike, in that order, with their shapes): the layout of
 * {@code org.specsoc.runner.model.ModelCodec}, which replaces this class once it is merged. A fitted encoder
 * (PLSR) stores its {@link FittedEncoder#exportState()} under {@code encoder.<name>}.
 */
public final class ModelFiles {
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";

    private ModelFiles() {
    }

    /** The archive of a network model's current values, with its calibration when not null. */
    public static ModelArchive archive(JointModel model, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration) {
        float[] parameters = model.parameterValues();
        float[] state = model.stateValues();
        var tensors = new ArrayList<Tensor>();
        int[] offsets = {0, 0};
        slice(ENCODER, model.encoder(), parameters, state, offsets, tensors);
        if (model.trainableDecoder() != null) {
            slice(DECODER, model.trainableDecoder(), parameters, state, offsets, tensors);
        }
        List<String> endmembers = model.decoder() instanceof MixingDecoder m ? m.endmemberNames() : List.of();
        return ModelArchive.of(config, provenance, model.shape().wavelengths(), tensors, endmembers,
                extras(calibration));
    }

    private static void slice(String prefix, NetworkPart part, float[] parameters, float[] state, int[] offsets,
                              List<Tensor> out) {
        for (TensorSpec t : part.tensors()) {
            float[] source = t.trainable() ? parameters : state;
            int which = t.trainable() ? 0 : 1;
            float[] values = Arrays.copyOfRange(source, offsets[which], offsets[which] + t.size());
            offsets[which] += t.size();
            out.add(new Tensor(prefix + t.name(), new int[] {t.rows(), t.cols()}, values));
        }
    }

    /** The archive of a fitted (closed-form) encoder, with its calibration when not null. */
    public static ModelArchive archive(FittedEncoder encoder, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration) {
        var tensors = new ArrayList<Tensor>();
        encoder.exportState().forEach((name, t) -> tensors.add(new Tensor(ENCODER + name, t.shape(), t.values())));
        return ModelArchive.of(config, provenance, encoder.shape().wavelengths(), tensors, List.of(),
                extras(calibration));
    }

    private static Map<String, JsonNode> extras(Calibration calibration) {
        return calibration == null ? Map.of() : Map.of(ModelArchive.CALIBRATION, calibration.toJsonTree());
    }

    /** Flat parameter and state values for {@code model} from an archive written by {@link #archive}. */
    public static Values values(ModelArchive archive, JointModel model, Path source) throws ArchiveFormatException {
        float[] parameters = new float[model.parameterCount()];
        float[] state = new float[model.stateCount()];
        int[] offsets = {0, 0};
        fill(archive, ENCODER, model.encoder(), parameters, state, offsets, source);
        if (model.trainableDecoder() != null) {
            fill(archive, DECODER, model.trainableDecoder(), parameters, state, offsets, source);
        }
        return new Values(parameters, state);
    }

    private static void fill(ModelArchive archive, String prefix, NetworkPart part, float[] parameters,
                             float[] state, int[] offsets, Path source) throws ArchiveFormatException {
        for (TensorSpec t : part.tensors()) {
            String name = prefix + t.name();
            Tensor stored = archive.tensor(name).orElseThrow(() -> new ArchiveFormatException(source, name,
                    "the model has no tensor '" + name + "': it was saved from another architecture", null));
            if (stored.data().length != t.size()) {
                throw new ArchiveFormatException(source, name, "holds " + stored.data().length
                        + " values but this model's tensor has " + t.rows() + " x " + t.cols(), null);
            }
            int which = t.trainable() ? 0 : 1;
            System.arraycopy(stored.data(), 0, t.trainable() ? parameters : state, offsets[which], t.size());
            offsets[which] += t.size();
        }
    }

    /** Restores a fitted encoder from an archive written by {@link #archive(FittedEncoder, ...)}. */
    public static void restore(ModelArchive archive, FittedEncoder encoder) {
        var state = new LinkedHashMap<String, FittedEncoder.Tensor>();
        archive.tensors().forEach((name, t) -> {
            if (name.startsWith(ENCODER)) {
                state.put(name.substring(ENCODER.length()), new FittedEncoder.Tensor(t.shape(), t.data()));
            }
        });
        encoder.restore(state);
    }

    public static void write(ModelArchive archive, Path file) throws IOException {
        ModelArchiveWriter.write(archive, file);
    }

    public static ModelArchive read(Path file) throws IOException {
        return ModelArchiveReader.read(file);
    }

    /** A model's flat buffers. */
    public record Values(float[] parameters, float[] state) {
    }
}
