package org.specsoc.api.config;

/** The value types a configuration key may declare. Lists are comma separated. */
public enum ConfigType {
    INT, LONG, DOUBLE, BOOLEAN, STRING, PATH, ENUM, INT_LIST, LONG_LIST, DOUBLE_LIST, STRING_LIST;

    public boolean isList() {
        return this == INT_LIST || this == LONG_LIST || this == DOUBLE_LIST || this == STRING_LIST;
    }
}
