package org.specsoc.runner.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.MixingDecoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.NetworkPart;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.decoders.LinearMixingDecoder;
import org.specsoc.decoders.LinearMixingDecoderFactory;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.specsoc.runner.archive.ModelProvenance;
import org.specsoc.runner.archive.Tensor;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.training.JointModel;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunnerPluginContext;

/**
 * Saves a {@link TrainedModel} as a {@link ModelArchive} and rebuilds it from one.
 *
 * <p>What is stored: every tensor of the encoder and decoder under {@code encoder.<name>} and
 * {@code decoder.<name>} with the shape of its {@link TensorSpec} (trainable parameters and BatchNorm running
 * statistics alike, so {@code encoder.bn0.running_mean} is there too), the fitted state of a {@link FittedEncoder}
 * (PLSR: means, scales, weights, loadings...) under {@code encoder.<name>}, the data grid, the decoder's endmember
 * names, and the extra {@value #MODEL}: which plugins made the parts, the latent size and, for the linear-mixing
 * decoder, the ρ·r of its fixed endmembers. The fixed endmember spectra, already resampled to the network grid,
 * are the tensor {@value #ENDMEMBER_SPECTRA} (the learned f_SOC is {@code decoder.f_soc}), so that a
 * linear-mixing model loads without its library file or data set.
 *
 * <p>Loading rebuilds each part through its plugin factory from the stored effective configuration, then loads
 * the values; the same archive gives bit-identical predictions on the same backend.
 */
public final class ModelCodec {
    /** Extra describing how to rebuild the parts. */
    public static final String MODEL = "model";
    /** Tensor of the linear-mixing decoder's fixed endmember spectra (endmembers x network bands). */
    public static final String ENDMEMBER_SPECTRA = "decoder.fixed.endmembers";
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";
    private static final String KIND_NETWORK = "network";
    private static final String KIND_FITTED = "fitted";

    private ModelCodec() {
    }

    /** What {@link #load} gives back. */
    public record Loaded(ModelArchive archive, TrainedModel model, Optional<Calibration> calibration,
                         List<Map<String, String>> preprocessing) {
    }

    /**
     * Writes {@code model} to {@code target} (atomically).
     *
     * @param effectiveConfig every key of the run with the value used; {@code encoder.type} and
     *                        {@code decoder.type} are set from the model when missing
     * @param calibration     the trust calibration on held-out training spectra ({@link
     *                        org.specsoc.runner.predict.HeldOutCalibration}); {@code null} when there is none, in
     *                        which case {@code specsoc predict} refuses the model
     * @param preprocessing   the fitted preprocessing steps in order ({@link StoredPreprocessing#describe})
     */
    public static void save(Path target, TrainedModel model, Map<String, String> effectiveConfig,
                            ModelProvenance provenance, Calibration calibration,
                            List<Map<String, String>> preprocessing) throws IOException {
        ModelArchiveWriter.write(toArchive(model, effectiveConfig, provenance, calibration, preprocessing), target);
    }

    /** The archive {@link #save} writes. */
    public static ModelArchive toArchive(TrainedModel model, Map<String, String> effectiveConfig,
                                         ModelProvenance provenance, Calibration calibration,
                                         List<Map<String, String>> preprocessing) {
        var config = new TreeMap<>(effectiveConfig);
        ObjectNode description = JsonNodeFactory.instance.objectNode();
        var tensors = new ArrayList<Tensor>();
        List<String> endmemberNames = List.of();
        double[] networkGrid = model.networkGrid();
        if (model instanceof TrainedModel.Network n) {
            JointModel jm = n.model();
            description.put("kind", KIND_NETWORK);
            description.put("encoder", jm.encoder().name());
            description.put("decoder", jm.decoder().name());
            description.put("latent", jm.shape().latent());
            config.putIfAbsent(PluginKind.ENCODER.selectorKey(), jm.encoder().name());
            config.putIfAbsent(PluginKind.DECODER.selectorKey(), jm.decoder().name());
            float[] parameters = jm.parameterValues();
            float[] state = jm.stateValues();
            int[] offsets = {0, 0};
            addPart(ENCODER, jm.encoder(), parameters, state, offsets, tensors);
            if (jm.trainableDecoder() != null) {
                addPart(DECODER, jm.trainableDecoder(), parameters, state, offsets, tensors);
            }
            if (jm.decoder() instanceof MixingDecoder mixing) {
                endmemberNames = mixing.endmemberNames();
            }
            if (jm.decoder() instanceof LinearMixingDecoder lmd) {
                var em = lmd.endmembers();
                tensors.add(new Tensor(ENDMEMBER_SPECTRA, new int[] {em.count(), networkGrid.length},
                        em.spectra().clone()));
                // Doubles, not float32: the decoder divides by them, and a rounded value would change outputs.
                ArrayNode rho = description.putArray("endmember-rho-r");
                for (double v : em.rhoR()) {
                    rho.add(v);
                }
            }
        } else if (model instanceof TrainedModel.Fitted f) {
            FittedEncoder fe = f.encoder();
            description.put("kind", KIND_FITTED);
            description.put("encoder", fe.name());
            description.put("decoder", "none");
            description.put("latent", fe.shape().latent());
            config.putIfAbsent(PluginKind.ENCODER.selectorKey(), fe.name());
            config.putIfAbsent(PluginKind.DECODER.selectorKey(), "none");
            fe.exportState().forEach((name, t) -> {
                int[] shape = t.shape();
                for (int d : shape) {
                    if (d < 1) {
                        throw new IllegalArgumentException("fitted state '" + name + "' of encoder '" + fe.name()
                                + "' has an empty dimension " + Arrays.toString(shape));
                    }
                }
                tensors.add(new Tensor(ENCODER + name, shape, t.values()));
            });
        }
        if (!Arrays.equals(networkGrid, model.dataGrid())) {
            ArrayNode grid = description.putArray("network-wavelengths");
            for (double w : networkGrid) {
                grid.add(w);
            }
        }
        var extras = new LinkedHashMap<String, JsonNode>();
        extras.put(MODEL, description);
        if (calibration != null) {
            extras.put(ModelArchive.CALIBRATION, calibration.toJsonTree());
        }
        if (!preprocessing.isEmpty()) {
            extras.put(ModelArchive.PREPROCESSING, ModelArchive.preprocessingExtra(preprocessing));
        }
        return ModelArchive.of(config, provenance, model.dataGrid(), tensors, endmemberNames, extras);
    }

    private static void addPart(String prefix, NetworkPart part, float[] parameters, float[] state, int[] offsets,
                                List<Tensor> out) {
        for (TensorSpec spec : part.tensors()) {
            float[] source = spec.trainable() ? parameters : state;
            int slot = spec.trainable() ? 0 : 1;
            float[] values = Arrays.copyOfRange(source, offsets[slot], offsets[slot] + spec.size());
            offsets[slot] += spec.size();
            out.add(new Tensor(prefix + spec.name(), new int[] {spec.rows(), spec.cols()}, values));
        }
    }

    /**
     * Reads {@code file} and rebuilds its model on {@code backend}. A file that is not a model archive, or one
     * whose tensors do not fit the parts its configuration describes, is refused with one message naming the
     * file and the problem.
     */
    public static Loaded load(Path file, PluginRegistry plugins, ComputeBackend backend) throws IOException {
        ModelArchive archive = ModelArchiveReader.read(file);
        try {
            return fromArchive(archive, plugins, backend);
        } catch (IllegalArgumentException | IllegalStateException | ConfigurationException e) {
            throw new ArchiveFormatException(file, null, "cannot rebuild the model: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the model of an archive already read. */
    public static Loaded fromArchive(ModelArchive archive, PluginRegistry plugins, ComputeBackend backend)
            throws IOException {
        JsonNode description = archive.extra(MODEL).orElseThrow(() -> new IllegalArgumentException(
                "the archive has no '" + MODEL + "' entry describing its encoder and decoder"));
        String kind = text(description, "kind");
        String encoderName = text(description, "encoder");
        String decoderName = text(description, "decoder");
        int latent = description.path("latent").asInt(-1);
        double[] networkGrid = description.has("network-wavelengths")
                ? doubles(description.get("network-wavelengths")) : archive.wavelengths();
        ModelShape shape = new ModelShape(networkGrid, latent);
        Map<String, String> config = archive.config();

        SpectralLibrary library = null;
        if (decoderName.equals(LinearMixingDecoderFactory.NAME)) {
            library = storedEndmembers(archive, description, networkGrid);
        }
        var context = new RunnerPluginContext(backend, new RandomStreams(0).child("restore"), List.of(),
                plugins.libraryReaders(), Path.of("").toAbsolutePath(), library);
        EncoderFactory encoderFactory = factory(plugins, PluginKind.ENCODER, EncoderFactory.class, encoderName);
        Encoder encoder = encoderFactory.create(bind(encoderFactory, PluginKind.ENCODER.prefix(), config, Map.of()),
                context, shape);

        TrainedModel model;
        if (kind.equals(KIND_FITTED)) {
            if (!(encoder instanceof FittedEncoder fitted)) {
                throw new IllegalArgumentException("encoder '" + encoderName + "' is stored as fitted but its plugin"
                        + " makes a " + encoder.getClass().getSimpleName());
            }
            var state = new LinkedHashMap<String, FittedEncoder.Tensor>();
            archive.tensors().forEach((name, t) -> {
                if (name.startsWith(ENCODER)) {
                    state.put(name.substring(ENCODER.length()), new FittedEncoder.Tensor(t.shape(), t.data()));
                }
            });
            fitted.restore(state);
            model = new TrainedModel.Fitted(fitted, archive.wavelengths());
        } else if (kind.equals(KIND_NETWORK)) {
            if (!(encoder instanceof TrainableEncoder trainable)) {
                throw new IllegalArgumentException("encoder '" + encoderName + "' is stored as a network but its"
                        + " plugin makes a " + encoder.getClass().getSimpleName());
            }
            DecoderFactory decoderFactory = factory(plugins, PluginKind.DECODER, DecoderFactory.class, decoderName);
            // The endmembers come from the archive (handed over as the context's data-set library), never from the
            // file or data set named at training time.
            Map<String, String> overrides = library == null ? Map.of()
                    : Map.of("endmembers", LinearMixingDecoderFactory.DATASET_LIBRARY);
            Decoder decoder = decoderFactory.create(bind(decoderFactory, PluginKind.DECODER.prefix(), config,
                    overrides), context, shape);
            JointModel jm = new JointModel(backend, trainable, decoder);
            float[] parameters = new float[jm.parameterCount()];
            float[] state = new float[jm.stateCount()];
            int[] offsets = {0, 0};
            readPart(archive, ENCODER, trainable, parameters, state, offsets);
            if (jm.trainableDecoder() != null) {
                readPart(archive, DECODER, jm.trainableDecoder(), parameters, state, offsets);
            }
            jm.loadParameters(parameters);
            jm.loadState(state);
            model = new TrainedModel.Network(jm, archive.wavelengths());
        } else {
            throw new IllegalArgumentException("unknown model kind '" + kind + "' (known: network, fitted)");
        }
        Optional<Calibration> calibration = Optional.empty();
        Optional<JsonNode> c = archive.extra(ModelArchive.CALIBRATION);
        if (c.isPresent()) {
            calibration = Optional.of(Calibration.fromJsonTree(c.get(), ModelArchive.CALIBRATION));
        }
        return new Loaded(archive, model, calibration, archive.preprocessingSteps());
    }

    private static void readPart(ModelArchive archive, String prefix, NetworkPart part, float[] parameters,
                                 float[] state, int[] offsets) {
        for (TensorSpec spec : part.tensors()) {
            Tensor t = archive.requireTensor(prefix + spec.name());
            int[] expected = {spec.rows(), spec.cols()};
            if (!Arrays.equals(t.shape(), expected)) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' has shape " + Arrays.toString(t.shape())
                        + " but the configured model needs " + Arrays.toString(expected));
            }
            float[] target = spec.trainable() ? parameters : state;
            int slot = spec.trainable() ? 0 : 1;
            System.arraycopy(t.data(), 0, target, offsets[slot], spec.size());
            offsets[slot] += spec.size();
        }
    }

    private static SpectralLibrary storedEndmembers(ModelArchive archive, JsonNode description, double[] grid) {
        Tensor t = archive.requireTensor(ENDMEMBER_SPECTRA);
        int[] shape = t.shape();
        List<String> names = archive.endmemberNames();
        if (shape.length != 2 || shape[0] != names.size() || shape[1] != grid.length) {
            throw new IllegalArgumentException("tensor '" + ENDMEMBER_SPECTRA + "' has shape "
                    + Arrays.toString(shape) + "; expected [" + names.size() + " endmembers, " + grid.length
                    + " bands]");
        }
        double[] rhoR = doubles(description.path("endmember-rho-r"));
        if (rhoR.length != names.size()) {
            throw new IllegalArgumentException("'" + MODEL + "' lists " + rhoR.length + " endmember rho*r values for "
                    + names.size() + " endmembers");
        }
        float[][] spectra = new float[names.size()][];
        for (int e = 0; e < spectra.length; e++) {
            spectra[e] = Arrays.copyOfRange(t.data(), e * grid.length, (e + 1) * grid.length);
        }
        return new SpectralLibrary(names, grid, spectra, rhoR, "the model archive's endmembers");
    }

    /** Binds the stored keys of one part: those under {@code prefix} that its factory declares. */
    private static PluginConfig bind(PluginFactory factory, String prefix, Map<String, String> config,
                                     Map<String, String> overrides) {
        ConfigSpec spec = factory.configSpec();
        var raw = new LinkedHashMap<String, String>();
        for (String name : spec.names()) {
            String value = config.get(prefix + name);
            if (value != null) {
                raw.put(name, value);
            }
        }
        raw.putAll(overrides);
        return spec.bind(prefix, raw);
    }

    private static <F extends PluginFactory> F factory(PluginRegistry plugins, PluginKind kind, Class<F> type,
                                                       String name) {
        F f = plugins.factories(kind, type).get(name);
        if (f == null) {
            throw new IllegalArgumentException(kind.label() + " '" + name + "' is not installed (installed: "
                    + String.join(", ", plugins.factories(kind).keySet()) + ")");
        }
        return f;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + MODEL + "' lacks the text field '" + field + "'");
        }
        return v.asText();
    }

    private static double[] doubles(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + MODEL + "' holds " + array + " where a list of numbers belongs");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
