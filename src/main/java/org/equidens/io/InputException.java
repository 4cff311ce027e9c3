package org.equidens.io;

import java.nio.file.Path;

/**
 * A problem with something the user gave us (a file, a key, a value). The CLI prints its message on
 * one line and exits with code 2; it never shows a stack trace for these.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file: problem". */
    public static InputException at(Path file, String problem) {
        return new InputException(file + ": " + problem);
    }

    /** "file:line: problem"; line is 1-based. */
    public static InputException at(Path file, int line, String problem) {
        return new InputException(file + ":" + line + ": " + problem);
    }
}
