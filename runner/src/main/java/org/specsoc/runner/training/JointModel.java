package org.specsoc.runner.training;

import java.util.Objects;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableDecoder;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.plugin.RandomStreams;

/**
 * An encoder and its decoder bound to one flat parameter buffer (encoder first, then decoder), one gradient
 * buffer of the same layout and one state buffer (BatchNorm running statistics), all on the backend. The
 * optimiser, checkpoints and archives see just these three arrays.
 */
public final class JointModel {
    private final ComputeBackend backend;
    private final TrainableEncoder encoder;
    private final Decoder decoder;
    private final TrainableDecoder trainableDecoder;
    private final int encoderParameters;
    private final int decoderParameters;
    private final int encoderState;
    private final int decoderState;
    private final Buffer parameters;
    private final Buffer gradients;
    private final Buffer state;

    public JointModel(ComputeBackend backend, TrainableEncoder encoder, Decoder decoder) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        ModelShape e = encoder.shape();
        ModelShape d = decoder.shape();
        if (e.bands() != d.bands() || e.latent() != d.latent()) {
            throw new IllegalArgumentException("encoder shape (" + e.bands() + " bands, latent " + e.latent()
                    + ") differs from decoder shape (" + d.bands() + " bands, latent " + d.latent() + ")");
        }
        if (decoder.reconstructs() && !(decoder instanceof TrainableDecoder)) {
            throw new IllegalArgumentException("decoder '" + decoder.name() + "' reconstructs but is not trainable");
        }
        this.trainableDecoder = decoder instanceof TrainableDecoder t ? t : null;
        this.encoderParameters = encoder.parameterCount();
        this.decoderParameters = trainableDecoder == null ? 0 : trainableDecoder.parameterCount();
        this.encoderState = encoder.stateCount();
        this.decoderState = trainableDecoder == null ? 0 : trainableDecoder.stateCount();
        this.parameters = backend.allocate(1, encoderParameters + decoderParameters);
        this.gradients = backend.allocate(1, encoderParameters + decoderParameters);
        this.state = backend.allocate(1, Math.max(1, encoderState + decoderState));
        encoder.bind(backend, encoderParameters(parameters), encoderParameters(gradients),
                encoderState == 0 ? null : backend.view(state, 0, 1, encoderState));
        if (trainableDecoder != null) {
            trainableDecoder.bind(backend, decoderParameters(parameters), decoderParameters(gradients),
                    decoderState == 0 ? null : backend.view(state, encoderState, 1, decoderState));
        }
    }

    /** PyTorch-style initialisation: encoder and decoder draw from independent streams of {@code init}. */
    public void initialise(RandomStreams init) {
        encoder.initialise(init.seedFor("encoder"));
        if (trainableDecoder != null) {
            trainableDecoder.initialise(init.seedFor("decoder"));
        }
    }

    public ComputeBackend backend() {
        return backend;
    }

    public TrainableEncoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** The decoder when it has parameters and reconstructs; null for {@code none}. */
    public TrainableDecoder trainableDecoder() {
        return trainableDecoder;
    }

    public ModelShape shape() {
        return encoder.shape();
    }

    public int parameterCount() {
        return encoderParameters + decoderParameters;
    }

    public int encoderParameterCount() {
        return encoderParameters;
    }

    public int decoderParameterCount() {
        return decoderParameters;
    }

    public int stateCount() {
        return encoderState + decoderState;
    }

    /** The flat parameter buffer (1 x parameterCount). */
    public Buffer parameters() {
        return parameters;
    }

    public Buffer gradients() {
        return gradients;
    }

    /** The encoder's slice of a flat buffer laid out like the parameters. */
    public Buffer encoderParameters(Buffer flat) {
        return backend.view(flat, 0, 1, encoderParameters);
    }

    /** The decoder's slice, or null when the decoder has no parameters. */
    public Buffer decoderParameters(Buffer flat) {
        return decoderParameters == 0 ? null : backend.view(flat, encoderParameters, 1, decoderParameters);
    }

    public float[] parameterValues() {
        return backend.download(parameters);
    }

    public float[] stateValues() {
        return stateCount() == 0 ? new float[0] : backend.download(backend.view(state, 0, 1, stateCount()));
    }

    /** Loads parameter values (e.g. from an archive or checkpoint). */
    public void loadParameters(float[] values) {
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException(values.length + " parameter values for a model of " + parameterCount());
        }
        backend.upload(values, parameters);
    }

    /** Loads BatchNorm running statistics. */
    public void loadState(float[] values) {
        if (values.length != stateCount()) {
            throw new IllegalArgumentException(values.length + " state values for a model of " + stateCount());
        }
        if (values.length > 0) {
            backend.upload(values, backend.view(state, 0, 1, values.length));
        }
    }

    /**
     * Gives the flat parameter, gradient and state buffers back to the backend (device memory on a GPU
     * backend). The model is unusable afterwards.
     */
    public void release() {
        backend.release(parameters);
        backend.release(gradients);
        backend.release(state);
    }

    public void zeroGradients() {
        backend.fill(gradients, 0);
    }

    /** Latent fractions for a batch of spectra (rows x M); the SOC prediction is column K - 1. */
    public Buffer encode(Buffer spectra, BatchNormMode mode) {
        return encoder.forward(spectra, mode);
    }

    /** Reconstructed spectra, or null when the decoder does not reconstruct. */
    public Buffer decode(Buffer latent, BatchNormMode mode) {
        return trainableDecoder == null ? null : trainableDecoder.forward(latent, mode);
    }
}
