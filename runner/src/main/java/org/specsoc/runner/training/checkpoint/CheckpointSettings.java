package org.specsoc.runner.training.checkpoint;

import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;

/**
 * The {@code train.checkpoint.*} keys.
 *
 * @param every     epochs between checkpoints; 0 turns them off
 * @param keep      how many of the newest checkpoints stay on disk
 * @param keepFinal whether the checkpoints stay after the run ended and saved its model
 * @param resume    whether a run continues from the newest checkpoint in its folder
 */
public record CheckpointSettings(int every, int keep, boolean keepFinal, boolean resume) {

    /** Keys relative to {@code train.}. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("checkpoint.every", 50, 0, 1_000_000, "epochs between checkpoints of the training state"
                    + " (to resume an interrupted run); 0 = none")
            .integer("checkpoint.keep", 2, 1, 1000, "how many of the newest checkpoints to keep")
            .bool("checkpoint.keep-final", false, "keep the checkpoints after the run finished and saved its model"
                    + " (they are several times the model's size)")
            .bool("checkpoint.resume", true, "continue from the newest checkpoint in the run folder when there is"
                    + " one (its configuration must match)")
            .build();

    public static final CheckpointSettings DEFAULT = new CheckpointSettings(50, 2, false, true);

    public CheckpointSettings {
        if (every < 0 || keep < 1) {
            throw new IllegalArgumentException("checkpoint every " + every + " (>= 0) and keep " + keep
                    + " (>= 1)");
        }
    }

    /** From the bound {@code train.} section (which must contain {@link #SPEC}'s keys). */
    public static CheckpointSettings from(PluginConfig train) {
        return new CheckpointSettings(train.getInt("checkpoint.every"), train.getInt("checkpoint.keep"),
                train.getBoolean("checkpoint.keep-final"), train.getBoolean("checkpoint.resume"));
    }

    public boolean enabled() {
        return every > 0;
    }
}
