package dev.palimpsest.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;

/**
 * Makes every service's OpenAPI document say what {@link ProblemMappers} does, at build time (so the stored
 * document, the served one and the committed contract agree):
 * <ul>
 *     <li>success and redirect responses are never {@code application/problem+json}: resources list that media type
 *     in {@code @Produces} for their errors, which the scanner would otherwise copy onto a 200 it infers;</li>
 *     <li>every operation can answer {@code 500} with a problem body (an unexpected failure, logged, naming no
 *     internals), so a generated client knows the body of every error it can get;</li>
 *     <li>a response header documented without a schema ({@code @Header(name = "Location", description = …)}) is a
 *     string: OpenAPI requires a schema there, and generators skip headers without one.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiResponsesFilter implements OASFilter {

    static final String INTERNAL_ERROR = "500";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((status, response) -> {
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream()
                            .filter(header -> header.getSchema() == null && header.getRef() == null)
                            .forEach(header -> header.setSchema(OASFactory.createSchema()
                                    .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)));
                }
                if (isSuccessOrRedirect(status) && response.getContent() != null) {
                    Content content = response.getContent();
                    if (content.hasMediaType(Problem.MEDIA_TYPE) && content.getMediaTypes().size() > 1) {
                        content.removeMediaType(Problem.MEDIA_TYPE);
                    }
                }
            });
        }
        if (responses == null || !responses.containsKey(INTERNAL_ERROR)) {
            operation.getResponses().addAPIResponse(INTERNAL_ERROR, OASFactory.createAPIResponse()
                    .description("Unexpected failure: logged by the service; the body names no internals")
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .ref("#/components/schemas/Problem")))));
        }
        return operation;
    }

    private static boolean isSuccessOrRedirect(String status) {
        return status.startsWith("2") || status.startsWith("3");
    }
}
