package dev.palimpsest.client;

import java.net.URI;

/** The generated clients append paths to their base URI as strings, so it must not end with a slash. */
final class BaseUrls {

    private BaseUrls() {
    }

    static String withoutTrailingSlash(URI baseUrl) {
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
