package dev.palimpsest.cli;

import dev.palimpsest.client.ProblemBodies;

import java.io.PrintStream;
import java.net.URI;

/** One line on stderr for a failed call: the problem's detail, or that the service could not be reached. */
final class Failures {

    private Failures() {
    }

    /** @return the exit code: 1 */
    static int report(PrintStream err, String command, String service, URI url, int code, String body,
                      Throwable cause) {
        if (code == 0) {
            err.println("palimpsest " + command + ": cannot reach " + service + " at " + url + ": "
                    + (cause == null ? "no answer" : cause.getCause() != null ? cause.getCause() : cause));
        } else {
            err.println("palimpsest " + command + ": " + ProblemBodies.describe(code, body));
        }
        return 1;
    }

    static int report(PrintStream err, String command, URI url, dev.palimpsest.client.query.ApiException e) {
        return report(err, command, "query-service", url, e.getCode(), e.getResponseBody(), e);
    }

    static int report(PrintStream err, String command, URI url, dev.palimpsest.client.ingest.ApiException e) {
        return report(err, command, "ingest-service", url, e.getCode(), e.getResponseBody(), e);
    }

    /** A refused write: the problem, then on a second line what to do about the token when that was the cause. */
    static int reportWrite(PrintStream err, String command, URI url, int code, String body, Throwable cause,
                           AccessToken access, boolean sentToken) {
        int exitCode = report(err, command, "ingest-service", url, code, body, cause);
        if (code == 401 || code == 403) {
            err.println("palimpsest " + command + ": " + access.hint(code, sentToken));
        }
        return exitCode;
    }
}
