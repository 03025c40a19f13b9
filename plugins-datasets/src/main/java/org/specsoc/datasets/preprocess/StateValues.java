package org.specsoc.datasets.preprocess;

import java.util.List;
import java.util.Map;

/** Reads fitted-step state that may have passed through JSON (numbers of any boxed type). */
final class StateValues {

    private StateValues() {
    }

    static double number(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("preprocessing state lacks number '" + key + "': " + state);
    }

    static int integer(Map<String, Object> state, String key) {
        return (int) Math.round(number(state, key));
    }

    static double[] numbers(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof List<?> l) {
            return l.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
        }
        throw new IllegalArgumentException("preprocessing state lacks list '" + key + "': " + state);
    }
}
