package org.equidens.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the same folder,
 * which is then renamed onto the target (atomic on POSIX file systems). A failure, or a crash
 * mid-write, never leaves a truncated target that a later step could mistake for a result.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Refuses, before any work, an output that {@link #write} could not create: its folder missing (or
     * a regular file), or the target itself a folder. Commands that write several files check them all
     * first, so a bad second output never leaves the first one behind.
     */
    public static void checkTarget(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw InputException.at(target, "cannot write: " + (dir != null && Files.exists(dir) ? dir + " is not a folder" : "folder " + dir + " does not exist"));
        }
        if (Files.isDirectory(absolute)) throw InputException.at(target, "cannot write: it is a folder");
        if (!Files.isWritable(dir)) throw InputException.at(target, "cannot write: folder " + dir + " is not writable");
    }

    /**
     * Refuses, before any work, an output folder that could not be created: it exists as a regular
     * file, or the nearest existing folder above it is a regular file or not writable.
     */
    public static void checkFolder(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) throw InputException.at(folder, "cannot create the folder: a file of that name exists");
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) throw InputException.at(folder, "cannot create the folder: " + existing + " is a file, not a folder");
        if (!Files.isWritable(existing)) throw InputException.at(folder, "cannot create the folder: " + existing + " is not writable");
    }

    /** Something that writes a text file's content (UTF-8). */
    @FunctionalInterface
    public interface TextWriter {
        void write(java.io.Writer out) throws IOException;
    }

    /** Writes UTF-8 text atomically, creating the target's folder if needed. */
    public static void writeText(Path target, TextWriter content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw InputException.at(target, "cannot write: " + e.getFile() + " is a file, not a folder");
        } catch (IOException e) {
            throw InputException.at(target, "cannot write: " + e.getMessage());
        }
        write(target, out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            content.write(w);
            w.flush();
        });
    }

    /**
     * Temporary files are created owner-only; the output gets the permissions of the file it
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

    /** Writes {@code content} to {@code target} atomically; InputException naming the file on failure. */
    public static void write(Path target, Writer content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw InputException.at(target, "cannot write: folder " + dir + " does not exist");
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.write(out);
            }
            keepUsualPermissions(tmp, absolute);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw InputException.at(target, "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target is untouched either way
                }
            }
        }
    }
}
