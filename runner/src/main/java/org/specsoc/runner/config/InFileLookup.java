package org.specsoc.runner.config;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.interpol.Lookup;

/**
 * The only lookup the configuration interpolator gets: {@code ${other.key}} reads another key of the same
 * configuration. Anything with a prefix ({@code ${env:HOME}}, {@code ${sys:user.home}}, {@code ${script:...}},
 * {@code ${url:...}}, {@code ${dns:...}}, {@code ${file:...}}, or any other) would reach outside the file, which
 * would make a run depend on the machine it ran on, so it is refused rather than left unresolved.
 */
final class InFileLookup implements Lookup {
    private final Configuration configuration;

    InFileLookup(Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Object lookup(String variable) {
        // Without registered prefix lookups the interpolator hands a prefixed variable here whole ("env:HOME").
        if (variable.indexOf(':') >= 0) {
            throw new RefusedLookupException(variable);
        }
        Object value = configuration.getProperty(variable);
        if (value == null) {
            throw new UnresolvedReferenceException(variable);
        }
        return value;
    }

    /** A lookup that would reach outside the file. */
    static final class RefusedLookupException extends RuntimeException {
        private final String variable;

        RefusedLookupException(String variable) {
            super("refused lookup ${" + variable + "}", null, false, false);
            this.variable = variable;
        }

        String variable() {
            return variable;
        }
    }

    /** A reference to a key that is not set. */
    static final class UnresolvedReferenceException extends RuntimeException {
        private final String variable;

        UnresolvedReferenceException(String variable) {
            super("unresolved reference ${" + variable + "}", null, false, false);
            this.variable = variable;
        }

        String variable() {
            return variable;
        }
    }
}
