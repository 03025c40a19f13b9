package org.specsoc.runner.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest's {@code Implementation-Version}, or {@code development} outside the jar. */
public final class ManifestVersionProvider implements IVersionProvider {

    public static String version() {
        String v = SpecsocCli.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"specsoc " + version()};
    }
}
