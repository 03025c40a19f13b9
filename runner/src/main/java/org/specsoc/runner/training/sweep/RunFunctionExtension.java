package org.specsoc.runner.training.sweep;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.experiment.RunFunctionFactory;
import org.specsoc.runner.wiring.RunnerExtension;

/** Installs the trainer as the sweeps' {@link RunFunctionFactory} and declares its {@code train.} key. */
@AutoService(RunnerExtension.class)
public final class RunFunctionExtension extends AbstractModule implements RunnerExtension {
    /** Key (relative to {@code train.}) of the share of training rows held out to calibrate a saved model. */
    public static final String CALIBRATION_FRACTION = "calibration-fraction";

    public static final ConfigSection SECTION = new ConfigSection("train.", ConfigSpec.builder()
            .number(CALIBRATION_FRACTION, 0.1, 0.0, 0.5, "share of the training rows (whole pedons) held out of"
                    + " training, when a model is saved, to fit its OOD threshold and SOC interval; 0 = none")
            .build());

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), RunFunctionFactory.class).setBinding()
                .to(TrainerRunFunctionFactory.class);
        Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding().toInstance(SECTION);
    }
}
