package org.specsoc.runner.wiring;

import org.specsoc.api.config.ConfigSpec;

/**
 * One declared place for keys in a resolved configuration: a section, the experiment type, a selected plugin
 * or a compute backend candidate.
 *
 * @param label   for messages: {@code decoder 'linear-mixing'}, {@code section 'output.'}
 * @param prefix  the full-key prefix of its keys
 * @param spec    its keys, relative to the prefix
 * @param backend the compute backend's name when this is a compute backend candidate, else {@code null}
 */
record KeyOwner(String label, String prefix, ConfigSpec spec, String backend) {

    boolean declares(String fullKey) {
        return fullKey.startsWith(prefix) && spec.key(fullKey.substring(prefix.length())).isPresent();
    }
}
