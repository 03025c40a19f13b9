package org.specsoc.runner.experiment;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Names one run of a sweep: which experiment, which held-out group (a region, a data set) or split, which
 * seed, which architecture and which phase. {@link #id()} is its file name in the run store.
 *
 * @param experiment experiment type ({@code split}, {@code loro}, {@code finetune}, {@code train})
 * @param group      the held-out group or the split's name
 */
public record RunKey(String experiment, String group, long seed, Architecture architecture, Phase phase) {

    public RunKey {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(phase, "phase");
    }

    /**
     * A file-name-safe identity. Characters outside {@code [A-Za-z0-9.-]} in the group become '-', and then a
     * checksum of the exact group text keeps two groups that differ only there apart.
     */
    public String id() {
        String safe = group.replaceAll("[^A-Za-z0-9.-]", "-");
        if (!safe.equals(group) || safe.isEmpty()) {
            var crc = new CRC32();
            crc.update(group.getBytes(StandardCharsets.UTF_8));
            safe = safe + "-" + Long.toHexString(crc.getValue());
        }
        return experiment + "_g" + safe + "_s" + seed + "_" + architecture.configName() + "_" + phase.configName();
    }

    /** Same run in another phase. */
    public RunKey withPhase(Phase other) {
        return new RunKey(experiment, group, seed, architecture, other);
    }
}
