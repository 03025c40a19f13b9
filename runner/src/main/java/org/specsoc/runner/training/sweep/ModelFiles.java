package org.specsoc.runner.training.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.NetworkPart;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.specsoc.runner.archive.ModelProvenance;
import org.specsoc.runner.archive.Tensor;
import org.specsoc.runner.model.ModelCodec;
import org.specsoc.runner.model.TrainedModel;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.training.JointModel;

/**
 * The one place where a sweep turns a trained model into a {@link ModelArchive} and back (a trained model for
 * {@code spec.modelOutput()}, a checkpoint's model part, the starting point of a fine-tuning phase).
 *
 * <p>Writing is {@link ModelCodec}'s (the archive {@code specsoc predict} loads). Reading back into a model that is
 * already built (a fine-tuning start, a checkpoint) takes its tensors {@code encoder.<tensor>} and
 * {@code decoder.<tensor>} in {@link NetworkPart#tensors()} order into the flat parameter and state buffers.
 */
public final class ModelFiles {
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";

    private ModelFiles() {
    }

    /** The archive of a network model's current values ({@link ModelCodec}), with its calibration when not null. */
    public static ModelArchive archive(JointModel model, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration) {
        return ModelCodec.toArchive(TrainedModel.Network.of(model), config, provenance, calibration, List.of());
    }

    /**
     * The archive of a network trained on preprocessed data: {@code dataGrid} is the raw spectra's grid and
     * {@code preprocessing} the fitted steps ({@link org.specsoc.runner.model.StoredPreprocessing#describe}), which
     * {@code specsoc predict} applies to raw spectra before the network.
     */
    public static ModelArchive archive(JointModel model, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration, double[] dataGrid,
                                       List<Map<String, String>> preprocessing) {
        return ModelCodec.toArchive(new TrainedModel.Network(model, dataGrid), config, provenance, calibration,
                preprocessing);
    }

    /** The archive of a fitted encoder trained on preprocessed data (see the network's overload). */
    public static ModelArchive archive(FittedEncoder encoder, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration, double[] dataGrid,
                                       List<Map<String, String>> preprocessing) {
        return ModelCodec.toArchive(new TrainedModel.Fitted(encoder, dataGrid), config, provenance, calibration,
                preprocessing);
    }

    /** The archive of a fitted (closed-form) encoder ({@link ModelCodec}), with its calibration when not null. */
    public static ModelArchive archive(FittedEncoder encoder, Map<String, String> config, ModelProvenance provenance,
                                       Calibration calibration) {
        return ModelCodec.toArchive(TrainedModel.Fitted.of(encoder), config, provenance, calibration, List.of());
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
