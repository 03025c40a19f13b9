package org.specsoc.compute.opencl;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the OpenCL device named by {@code compute.device} ({@code gpu}, {@code cpu}, {@code any} or a substring of
 * the device name) and optionally {@code compute.platform} (a substring of the platform name). Says precisely why
 * nothing matched: no OpenCL library, no platform, or only devices of another kind (listed).
 */
final class OpenClDevices {

    /** One OpenCL device with its platform. */
    record Found(OpenCLPlatform platform, OpenCLDevice device) {
        String describe() {
            return device.getName().trim() + " (" + device.getType() + ", platform " + platform.getName().trim() + ")";
        }
    }

    /** Either the device or why there is none. */
    record Selection(Optional<Found> found, String reason) {
    }

    private OpenClDevices() {
    }

    /** Every OpenCL device on every platform; empty when the native library or the platforms are missing. */
    static List<Found> all() {
        var out = new ArrayList<Found>();
        if (!OpenCLLoader.isOpenCLAvailable()) {
            return out;
        }
        for (OpenCLPlatform platform : new OpenCLPlatform().getOpenCLPlatforms()) {
            for (OpenCLDevice device : platform.getOpenCLDevices()) {
                out.add(new Found(platform, device));
            }
        }
        return out;
    }

    /** Selects a device; never throws for an ordinary "not here" (the caller decides whether that is an error). */
    static Selection select(String deviceRequest, String platformRequest) {
        if (!OpenCLLoader.isOpenCLAvailable()) {
            return new Selection(Optional.empty(), "Aparapi could not load its OpenCL native library (is "
                    + "libOpenCL.so.1 installed? Debian: ocl-icd-libopencl1 and a driver such as pocl-opencl-icd)");
        }
        List<Found> devices = all();
        if (devices.isEmpty()) {
            return new Selection(Optional.empty(), "no OpenCL platform is installed (the ICD loader found no"
                    + " driver; install a GPU driver's ICD or pocl-opencl-icd)");
        }
        String request = deviceRequest.trim().toLowerCase(Locale.ROOT);
        String platform = platformRequest == null ? "" : platformRequest.trim().toLowerCase(Locale.ROOT);
        List<Found> matching = devices.stream()
                .filter(f -> platform.isEmpty() || f.platform().getName().toLowerCase(Locale.ROOT).contains(platform))
                .filter(f -> matches(f.device(), request)).toList();
        if (matching.isEmpty()) {
            return new Selection(Optional.empty(), "no OpenCL device matches compute.device=" + deviceRequest
                    + (platform.isEmpty() ? "" : " on a platform named like '" + platformRequest + "'")
                    + "; devices here: " + String.join(", ", devices.stream().map(Found::describe).toList()));
        }
        // most compute units first: the biggest GPU when several are present
        Found best = matching.stream().max((a, b) -> Integer.compare(a.device().getMaxComputeUnits(),
                b.device().getMaxComputeUnits())).orElseThrow();
        return new Selection(Optional.of(best), best.describe());
    }

    private static boolean matches(OpenCLDevice device, String request) {
        return switch (request) {
            case "gpu" -> device.getType() == Device.TYPE.GPU;
            case "cpu" -> device.getType() == Device.TYPE.CPU;
            case "any" -> true;
            default -> device.getName().toLowerCase(Locale.ROOT).contains(request);
        };
    }
}
