package dev.palimpsest.query.revision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who made an edit, after Wikimedia's {@code performer}.
 *
 * @param userText the user name, or the IP address of an anonymous edit
 * @param userId   the numeric user id at the source, when it gave one
 */
@Schema(name = "Author")
public record Author(@Schema(examples = "Jimbo Wales") String userText, @Schema(examples = "24") Long userId) {

    /** {@code null} when the source named nobody. */
    public static Author of(String userText, Long userId) {
        return userText == null && userId == null ? null : new Author(userText, userId);
    }
}
