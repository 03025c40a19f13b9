package org.specsoc.runner.training.checkpoint;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.wiring.RunnerExtension;

/** Declares {@link CheckpointSettings#SPEC} under {@code train.}, next to the trainer's own keys there. */
@AutoService(RunnerExtension.class)
public final class CheckpointExtension extends AbstractModule implements RunnerExtension {
    public static final ConfigSection SECTION = new ConfigSection("train.", CheckpointSettings.SPEC);

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding().toInstance(SECTION);
    }
}
