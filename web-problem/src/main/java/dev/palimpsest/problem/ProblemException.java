package dev.palimpsest.problem;

/** Thrown to answer a request with a problem of a known kind; carries no stack trace, it is not a bug. */
public class ProblemException extends RuntimeException {

    private final transient ProblemKind kind;

    public ProblemException(ProblemKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public ProblemKind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }
}
