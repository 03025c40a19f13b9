package org.specsoc.api.compute;

/** Result of a backend's probe: available, or why not (shown by {@code specsoc diagnose}). */
public record Availability(boolean available, String detail) {

    public static Availability yes(String device) {
        return new Availability(true, device);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
