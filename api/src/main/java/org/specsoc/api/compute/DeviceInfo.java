package org.specsoc.api.compute;

import java.util.Map;

/** The device a backend actually runs on, recorded with every result. */
public record DeviceInfo(String backend, String device, int parallelism, Map<String, String> details) {

    public DeviceInfo {
        details = Map.copyOf(details);
    }
}
