package dev.palimpsest.deploy.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML into typed models where a field the model does not know is an error, never silently kept.
 *
 * <p>fabric8's Kubernetes model and Strimzi's api keep unknown fields in an {@code additionalProperties} map (a
 * {@code @JsonAnySetter}) so that a client survives newer servers. For manifests written by hand that is exactly
 * wrong: {@code readinesProbe:} would parse, and the pod would run without a readiness probe. This mapper drops
 * every any-setter while building deserializers, so such a field reaches
 * {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} and fails the parse with its path.
 */
public final class StrictYaml {

    private static final ObjectMapper TYPED = strictMapper();
    private static final YAMLMapper TREES = new YAMLMapper();

    private StrictYaml() {
    }

    /** The mapper that binds trees to typed models, refusing unknown fields. */
    public static ObjectMapper typed() {
        return TYPED;
    }

    /** Binds {@code node} to {@code type}; an unknown or mistyped field fails with its path in the message. */
    public static <T> T bind(JsonNode node, Class<T> type, String where) {
        try {
            return TYPED.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ManifestException(where + ": not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + pathOf(e), e);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(where + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Every document of a (multi-document) YAML file as a tree, empty documents left out. */
    public static List<JsonNode> documents(Path file) {
        try (JsonParser parser = TREES.getFactory().createParser(Files.readString(file))) {
            List<JsonNode> documents = new ArrayList<>();
            var iterator = TREES.readValues(parser, JsonNode.class);
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new ManifestException(file + ": not YAML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ManifestException(file + ": not YAML: " + e.getMessage(), e);
        }
    }

    /** The single document of a YAML file. */
    public static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new ManifestException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    private static String pathOf(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            return " (at " + mapping.getPathReference() + ")";
        }
        return "";
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noAnySetters = new SimpleModule("no-any-setters");
        noAnySetters.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        return JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .addModule(noAnySetters)
                .build();
    }
}
