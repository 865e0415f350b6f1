package dev.palimpsest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an error answer says, in one line for people: the services answer every error with an RFC 9457 problem
 * body ({@code Problem} in both generated model packages); anything else (a proxy's HTML page) is shown as it is.
 */
public final class ProblemBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemBodies() {
    }

    /** e.g. {@code "no revision at or before … (No revision at that time, 404)"}. */
    public static String describe(int status, String body) {
        if (body == null || body.isBlank()) {
            return "HTTP " + status + " without a body";
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("title")) {
                String detail = problem.path("detail").asText("");
                return (detail.isEmpty() ? problem.path("title").asText() : detail)
                        + " (" + problem.path("title").asText() + ", " + status + ")";
            }
        } catch (java.io.IOException e) {
            // not JSON: shown as it is below
        }
        return "HTTP " + status + ": " + body.strip();
    }

    /** The problem's {@code type} URI, or null when the body is not a problem. */
    public static String type(String body) {
        try {
            JsonNode problem = body == null ? null : JSON.readTree(body);
            return problem == null || !problem.hasNonNull("type") ? null : problem.get("type").asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
