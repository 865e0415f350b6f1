package dev.palimpsest.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every Palimpsest API document must say, so a generated client and a reader can rely on it: each operation
 * has a unique {@code operationId} and a summary; each parameter a description and an example (an enumeration is
 * its own example); each response header a schema; each error response (4xx, 5xx) an {@code application/problem+json} body of the {@code Problem}
 * schema, which itself describes its fields and carries an example.
 */
public final class OpenApiRules {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final List<String> PROBLEM_FIELDS = List.of("type", "title", "status", "detail", "instance");

    private OpenApiRules() {
    }

    /** Every broken rule, each naming the operation and what is missing; empty when the document complies. */
    public static List<String> check(OpenAPI document) {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        if (document.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                    String name = entry.getKey() + " " + path.getKey();
                    Operation operation = entry.getValue();
                    if (blank(operation.getOperationId())) {
                        problems.add(name + ": no operationId");
                    } else if (!operationIds.add(operation.getOperationId())) {
                        problems.add(name + ": operationId " + operation.getOperationId() + " is used twice");
                    }
                    if (blank(operation.getSummary())) {
                        problems.add(name + ": no summary");
                    }
                    List<Parameter> parameters = new ArrayList<>();
                    if (path.getValue().getParameters() != null) {
                        parameters.addAll(path.getValue().getParameters());
                    }
                    if (operation.getParameters() != null) {
                        parameters.addAll(operation.getParameters());
                    }
                    parameters.forEach(parameter -> checkParameter(name, parameter, problems));
                    if (operation.getResponses() != null) {
                        operation.getResponses().forEach((status, response) ->
                                checkResponse(name, status, response, problems));
                    }
                }
            }
        }
        checkProblemSchema(document, problems);
        return problems;
    }

    private static void checkParameter(String operation, Parameter parameter, List<String> problems) {
        String name = operation + ": parameter " + parameter.getName();
        if (blank(parameter.getDescription())) {
            problems.add(name + " has no description");
        }
        Schema<?> schema = parameter.getSchema();
        boolean enumerated = schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty();
        boolean exemplified = parameter.getExample() != null
                || (parameter.getExamples() != null && !parameter.getExamples().isEmpty())
                || (schema != null && (schema.getExample() != null
                || (schema.getExamples() != null && !schema.getExamples().isEmpty())));
        if (!enumerated && !exemplified) {
            problems.add(name + " has no example");
        }
    }

    private static void checkResponse(String operation, String status, ApiResponse response, List<String> problems) {
        String name = operation + ": response " + status;
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((header, definition) -> {
                if (definition.getSchema() == null && definition.get$ref() == null && definition.getContent() == null) {
                    problems.add(name + ": header " + header + " has no schema");
                }
            });
        }
        if (!(status.startsWith("4") || status.startsWith("5") || status.equals("default"))) {
            return;
        }
        MediaType problem = response.getContent() == null ? null : response.getContent().get(PROBLEM_MEDIA_TYPE);
        if (problem == null) {
            problems.add(name + " is not " + PROBLEM_MEDIA_TYPE);
        } else if (problem.getSchema() == null || !PROBLEM_SCHEMA.equals(problem.getSchema().get$ref())) {
            problems.add(name + ": its " + PROBLEM_MEDIA_TYPE + " body is not the Problem schema");
        }
    }

    private static void checkProblemSchema(OpenAPI document, List<String> problems) {
        Schema<?> problem = document.getComponents() == null || document.getComponents().getSchemas() == null
                ? null : document.getComponents().getSchemas().get("Problem");
        if (problem == null) {
            problems.add("components: no Problem schema");
            return;
        }
        if (problem.getExample() == null && (problem.getExamples() == null || problem.getExamples().isEmpty())) {
            problems.add("components: the Problem schema has no example");
        }
        for (String field : PROBLEM_FIELDS) {
            Schema<?> property = problem.getProperties() == null ? null : problem.getProperties().get(field);
            if (property == null || blank(property.getDescription())) {
                problems.add("components: Problem." + field + " is missing or not described");
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
