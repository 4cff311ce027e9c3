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

    /**
     * An error about "structure k" of a list that holds the structures {@code indices[k]} of {@code file}
     * (a training subset, a test set), renamed to the file's own numbering: "file: structure i: …".
     */
    public static InputException inStructures(Path file, InputException e, int[] indices) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^structure (\\d+)").matcher(e.getMessage());
        if (m.find() && indices != null) {
            int k = Integer.parseInt(m.group(1));
            if (k < indices.length) return at(file, "structure " + indices[k] + e.getMessage().substring(m.end()));
        }
        return at(file, e.getMessage());
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
