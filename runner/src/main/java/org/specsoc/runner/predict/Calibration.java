package org.specsoc.runner.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a model archive stores about the trust of its predictions ({@code calibration.json}): the
 * split-conformal SOC interval at the training configuration's level and the out-of-distribution threshold on
 * the reconstruction error, each with the scores it came from, so that {@code specsoc predict --level} or
 * {@code --ood-quantile} can recalibrate without the training data.
 *
 * @param interval         the SOC interval at the default level
 * @param ood              the reconstruction-error threshold; {@code null} for a model without a decoder
 * @param conformalScores  sorted absolute SOC residuals (mass fraction) on held-out labelled training spectra
 * @param oodScores        sorted reconstruction MRMSE of held-out training spectra; {@code null} without decoder
 */
@JsonPropertyOrder({"interval", "ood", "conformalScores", "oodScores"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calibration(ConformalInterval interval, OodThreshold ood, double[] conformalScores, double[] oodScores) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Calibration {
        if (interval == null || conformalScores == null) {
            throw new IllegalArgumentException("a calibration needs its SOC interval and conformal scores");
        }
        requireSorted(conformalScores, "conformal scores");
        if (interval.calibrationSize() != conformalScores.length) {
            throw new IllegalArgumentException("interval says " + interval.calibrationSize()
                    + " calibration spectra, " + conformalScores.length + " scores are stored");
        }
        if ((ood == null) != (oodScores == null)) {
            throw new IllegalArgumentException("the OOD threshold and its scores come together");
        }
        if (oodScores != null) {
            requireSorted(oodScores, "OOD scores");
            if (ood.calibrationSize() != oodScores.length) {
                throw new IllegalArgumentException("OOD threshold says " + ood.calibrationSize()
                        + " calibration spectra, " + oodScores.length + " scores are stored");
            }
        }
    }

    private static void requireSorted(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || (i > 0 && v[i] < v[i - 1])) {
                throw new IllegalArgumentException(what + " must be finite and sorted increasing (index " + i + ")");
            }
        }
    }

    /**
     * Calibrates from held-out training data.
     *
     * @param predictedSoc  model SOC (mass fraction) for the held-out labelled spectra
     * @param observedSoc   their laboratory SOC
     * @param heldOutMrmse  reconstruction MRMSE of held-out spectra (labelled or not); {@code null} without decoder
     * @param level         interval level, e.g. {@link ConformalInterval#DEFAULT_LEVEL}
     * @param oodQuantile   e.g. {@link OodThreshold#DEFAULT_QUANTILE}
     */
    public static Calibration fit(double[] predictedSoc, double[] observedSoc, double[] heldOutMrmse, double level,
                                  double oodQuantile) {
        double[] residuals = ConformalInterval.absoluteResiduals(predictedSoc, observedSoc);
        ConformalInterval interval = ConformalInterval.fromSortedResiduals(residuals, level);
        if (heldOutMrmse == null) {
            return new Calibration(interval, null, residuals, null);
        }
        double[] scores = heldOutMrmse.clone();
        OodThreshold ood = OodThreshold.calibrate(scores, oodQuantile);
        Arrays.sort(scores);
        return new Calibration(interval, ood, residuals, scores);
    }

    /** Whether predictions get an OOD flag (the model has a reconstruction decoder). */
    public boolean hasOodFlag() {
        return ood != null;
    }

    public Optional<OodThreshold> oodThreshold() {
        return Optional.ofNullable(ood);
    }

    /** The same calibration with the interval at another level. */
    public Calibration atLevel(double level) {
        return new Calibration(ConformalInterval.fromSortedResiduals(conformalScores, level), ood, conformalScores,
                oodScores);
    }

    /** The same calibration with the OOD threshold at another quantile; an error without a decoder. */
    public Calibration withOodQuantile(double quantile) {
        if (ood == null) {
            throw new IllegalStateException("the model has no reconstruction decoder: there is no OOD threshold");
        }
        return new Calibration(interval, OodThreshold.calibrate(oodScores, quantile), conformalScores, oodScores);
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
    }

    /** As a JSON tree, for an archive that stores its entries as trees (the {@code calibration} extra). */
    public JsonNode toJsonTree() {
        return JSON.valueToTree(this);
    }

    /** From a JSON tree; {@code source} names it in errors. */
    public static Calibration fromJsonTree(JsonNode tree, String source) throws IOException {
        try {
            return JSON.treeToValue(tree, Calibration.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(source + ": " + rootMessage(e), e);
        }
    }

    /** Reads {@code calibration.json}; {@code source} names it in errors (e.g. "model.zip!calibration.json"). */
    public static Calibration read(InputStream in, String source) throws IOException {
        try {
            return JSON.readValue(in, Calibration.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IOException(source + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")") + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return m == null ? t.toString() : m;
    }
}
