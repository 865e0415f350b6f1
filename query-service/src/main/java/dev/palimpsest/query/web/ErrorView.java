package dev.palimpsest.query.web;

/** A page saying what went wrong: the API problem's status, title and detail, in words for a reader. */
public record ErrorView(int status, String title, String detail) {
}
