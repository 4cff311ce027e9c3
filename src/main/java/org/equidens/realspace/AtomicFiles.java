package org.equidens.realspace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.equidens.io.InputException;

/** Text output written to a temporary file in the target folder and renamed into place, so a failure never leaves a half-written file. */
final class AtomicFiles {
    interface Body {
        void write(Writer w) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Temporary files are created owner-only; the output should have the permissions of the file it
     * replaces, or rw-r--r-- for a new one, as a plain write would give.
     */
    private static void keepUsualPermissions(Path tmp, Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(file)
                    ? Files.getPosixFilePermissions(file) : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    static void write(Path file, Body body) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp");
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                body.write(w);
            }
            keepUsualPermissions(tmp, file);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw InputException.at(file, "cannot write: " + e.getFile() + " is a file, not a folder");
        } catch (IOException e) {
            throw InputException.at(file, "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }
}
