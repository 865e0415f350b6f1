package dev.palimpsest.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that the manifests use, as kustomize applies it:
 * <ul>
 *   <li>maps merge key by key, recursively; a key patched to {@code null} is removed;</li>
 *   <li>lists of built-in kinds whose schema gives a merge key are merged element by element on that key
 *       (containers, initContainers, env and volumes by {@code name}, volumeMounts by {@code mountPath}, container
 *       ports by {@code containerPort}, Service ports by {@code port}); an element not in the target is appended;</li>
 *   <li>every other list is replaced whole — always so for custom resources (Strimzi, CloudNativePG), which carry
 *       no patch strategy, exactly as kustomize does without their OpenAPI schema.</li>
 * </ul>
 * Directives ({@code $patch}, {@code $setElementOrder}, {@code $retainKeys}, …) are not implemented: a patch that
 * uses one is refused rather than misapplied.
 */
final class StrategicMerge {

    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    private StrategicMerge() {
    }

    /** Applies {@code patch} to {@code target} in place. */
    static void apply(ObjectNode target, ObjectNode patch, boolean builtInKind, String patchSource) {
        mergeObjects(target, patch, builtInKind, patchSource, "");
    }

    private static void mergeObjects(ObjectNode target, ObjectNode patch, boolean builtIn, String source, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = path + "." + name;
            if (name.startsWith("$")) {
                throw new IllegalArgumentException(source + ": the patch directive " + name + " at " + fieldPath
                        + " is not supported by this renderer");
            }
            JsonNode patchValue = field.getValue();
            JsonNode targetValue = target.get(name);
            if (patchValue.isNull()) {
                target.remove(name);
            } else if (targetValue instanceof ObjectNode targetObject && patchValue instanceof ObjectNode patchObject) {
                mergeObjects(targetObject, patchObject, builtIn, source, fieldPath);
            } else if (builtIn && targetValue instanceof ArrayNode targetList && patchValue instanceof ArrayNode patchList
                    && mergeKey(name, targetList, patchList) != null) {
                mergeLists(targetList, patchList, mergeKey(name, targetList, patchList), builtIn, source, fieldPath);
            } else {
                target.set(name, patchValue.deepCopy());
            }
        }
    }

    private static String mergeKey(String field, ArrayNode target, ArrayNode patch) {
        if (field.equals("ports")) {
            // container ports merge on containerPort, a Service's on port (their schemas' patchMergeKey)
            JsonNode first = target.isEmpty() ? patch.path(0) : target.path(0);
            return first.has("containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static void mergeLists(ArrayNode target, ArrayNode patch, String key, boolean builtIn, String source,
                                   String path) {
        for (JsonNode patchElement : patch) {
            if (!(patchElement instanceof ObjectNode patchObject) || !patchObject.has(key)) {
                throw new IllegalArgumentException(source + ": an element of " + path + " has no merge key " + key);
            }
            ObjectNode match = null;
            for (JsonNode targetElement : target) {
                if (targetElement instanceof ObjectNode targetObject && patchObject.get(key).equals(targetObject.get(key))) {
                    match = targetObject;
                }
            }
            if (match == null) {
                target.add(patchObject.deepCopy());
            } else {
                mergeObjects(match, patchObject, builtIn, source, path + "[" + key + "=" + patchObject.get(key).asText() + "]");
            }
        }
    }
}
