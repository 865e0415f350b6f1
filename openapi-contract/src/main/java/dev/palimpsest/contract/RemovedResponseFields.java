package dev.palimpsest.contract;

import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Fields that a response had and no longer has. openapi-diff counts their removal as compatible (a tolerant reader
 * ignores what it does not know, and a missing optional field looks like an absent one); a client generated from
 * the contract that reads such a field gets null from then on, which for us is a break.
 */
final class RemovedResponseFields {

    private RemovedResponseFields() {
    }

    static List<String> of(ChangedOpenApi changes) {
        List<String> removed = new ArrayList<>();
        for (ChangedOperation operation : changes.getChangedOperations()) {
            if (operation.getApiResponses() == null) {
                continue;
            }
            String name = operation.getHttpMethod() + " " + operation.getPathUrl();
            for (Map.Entry<String, ChangedResponse> response : operation.getApiResponses().getChanged().entrySet()) {
                if (response.getValue().getContent() == null) {
                    continue;
                }
                for (Map.Entry<String, ChangedMediaType> media
                        : response.getValue().getContent().getChanged().entrySet()) {
                    walk(name + " " + response.getKey() + " " + media.getKey() + ": ", "",
                            media.getValue().getSchema(), removed,
                            Collections.newSetFromMap(new IdentityHashMap<>()));
                }
            }
        }
        return removed;
    }

    private static void walk(String where, String path, ChangedSchema schema, List<String> removed,
                             Set<ChangedSchema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        schema.getMissingProperties().keySet().forEach(field -> removed.add(where + path + field));
        schema.getChangedProperties().forEach((field, changed) -> walk(where, path + field + ".", changed, removed,
                seen));
        walk(where, path + "[].", schema.getItems(), removed, seen);
    }
}
