package org.specsoc.api.config;

import java.util.List;

/** Every configuration problem found at once; the CLI prints them together and exits with code 2. */
public final class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return "Configuration error: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("Configuration errors (" + problems.size() + "):");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i + 1).append(") ").append(problems.get(i));
        }
        return sb.toString();
    }
}
