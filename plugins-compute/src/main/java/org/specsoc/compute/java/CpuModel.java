package org.specsoc.compute.java;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The processor's name as the operating system reports it, for {@link org.specsoc.api.compute.DeviceInfo}. */
final class CpuModel {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuModel() {
    }

    /** "AMD EPYC, 2 cores" on Linux; the JVM's architecture name elsewhere. */
    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        return modelName(readCpuinfo()) + ", " + cores + (cores == 1 ? " core" : " cores");
    }

    static String modelName(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                String name = line.substring(colon + 1).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        }
        return System.getProperty("os.arch", "unknown") + " CPU";
    }

    private static List<String> readCpuinfo() {
        try {
            return Files.isReadable(CPUINFO) ? Files.readAllLines(CPUINFO, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
