package org.equidens.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.equidens.structure.Atoms;

/**
 * One entry point for structure files, choosing the format by file extension (ASE's ase.io idea), so
 * that commands take "a structure file" rather than "an xyz file". A new format is one line in the
 * static block below: an implementation of {@link Format} and its extensions.
 */
public final class StructureIO {
    /** A structure file format. Read-only formats leave {@link #write} as is. */
    public interface Format {
        /** Short name for messages, e.g. "extxyz". */
        String name();

        List<Atoms> readAll(Path file);

        /** One frame (negative: from the end). The default reads all frames; override to do better. */
        default Atoms read(Path file, int index) {
            List<Atoms> all = readAll(file);
            int i = index < 0 ? all.size() + index : index;
            if (i < 0 || i >= all.size()) {
                throw InputException.at(file, "frame index " + index + " out of range: the file has " + all.size() + " frames");
            }
            return all.get(i);
        }

        /** Frames lazily; close the stream. The default reads all frames first. */
        default Stream<Atoms> stream(Path file) {
            return readAll(file).stream();
        }

        default void write(Path file, List<Atoms> frames) {
            throw InputException.at(file, "cannot write " + name() + " files");
        }
    }

    /** Extended XYZ (also plain XYZ). */
    public static final Format EXTXYZ = new Format() {
        @Override
        public String name() {
            return "extxyz";
        }

        @Override
        public List<Atoms> readAll(Path file) {
            return ExtXyz.readAll(file);
        }

        @Override
        public Atoms read(Path file, int index) {
            return ExtXyz.read(file, index);
        }

        @Override
        public Stream<Atoms> stream(Path file) {
            return ExtXyz.stream(file);
        }

        @Override
        public void write(Path file, List<Atoms> frames) {
            ExtXyz.write(file, frames);
        }
    };

    private static final Map<String, Format> BY_EXTENSION = new LinkedHashMap<>();

    static {
        register(EXTXYZ, "xyz", "extxyz");
        // register(CUBE, "cube"); register(CIF, "cif"); ...
    }

    private StructureIO() {}

    private static void register(Format format, String... extensions) {
        for (String e : extensions) BY_EXTENSION.put(e, format);
    }

    /** The extensions with a registered format (lower case, no dot). */
    public static Set<String> extensions() {
        return Collections.unmodifiableSet(BY_EXTENSION.keySet());
    }

    /** The format for a file name (extension, any letter case), or an InputException naming the known ones. */
    public static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        Format f = BY_EXTENSION.get(ext);
        if (f == null) {
            throw InputException.at(file, (ext.isEmpty() ? "no file extension" : "unknown structure file extension '." + ext + "'")
                    + "; known: ." + String.join(", .", BY_EXTENSION.keySet()));
        }
        return f;
    }

    public static List<Atoms> readAll(Path file) {
        return formatOf(file).readAll(file);
    }

    /** One frame; negative indices count from the end. */
    public static Atoms read(Path file, int index) {
        return formatOf(file).read(file, index);
    }

    /** Frames one at a time where the format allows (use in try-with-resources). */
    public static Stream<Atoms> stream(Path file) {
        return formatOf(file).stream(file);
    }

    public static void write(Path file, List<Atoms> frames) {
        formatOf(file).write(file, frames);
    }
}
