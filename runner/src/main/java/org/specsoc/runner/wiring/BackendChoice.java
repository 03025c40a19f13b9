package org.specsoc.runner.wiring;

import java.util.List;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.plugin.ComputeBackendFactory;

/**
 * The compute backend a run uses and why.
 *
 * @param factory      the chosen factory
 * @param availability its probe result
 * @param reason       one line: why this one
 * @param skipped      one line per other installed backend: why not that one
 */
public record BackendChoice(ComputeBackendFactory factory, Availability availability, String reason,
                            List<String> skipped) {

    public BackendChoice {
        skipped = List.copyOf(skipped);
    }

    public String name() {
        return factory.name();
    }
}
