package dev.palimpsest.deploy.consistency;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The few facts read from Maven poms: a module's runtime dependencies, the root's version and properties. */
final class Pom {

    private Pom() {
    }

    /** artifactIds of the dependencies that are not test-scoped: what the running service has on its classpath. */
    static Set<String> dependencies(Path pom) {
        Element project = parse(pom);
        Set<String> artifacts = new TreeSet<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies == null) {
            return artifacts;
        }
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            Element scope = child(dependency, "scope");
            if (scope == null || !scope.getTextContent().trim().equals("test")) {
                artifacts.add(child(dependency, "artifactId").getTextContent().trim());
            }
        }
        return artifacts;
    }

    static String version(Path pom) {
        return child(parse(pom), "version").getTextContent().trim();
    }

    static Map<String, String> properties(Path pom) {
        Map<String, String> properties = new LinkedHashMap<>();
        Element element = child(parse(pom), "properties");
        if (element != null) {
            NodeList children = element.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().trim());
                }
            }
        }
        return properties;
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(pom + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
