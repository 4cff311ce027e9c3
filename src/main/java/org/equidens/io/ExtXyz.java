package org.equidens.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.equidens.structure.Atoms;
import org.equidens.structure.Elements;

/**
 * Extended XYZ, the format ASE and most ML-potential tools exchange structures in: per frame an atom
 * count, a header line of key=value pairs and one line per atom. Reading follows ASE's conventions so
 * that files written by ASE (and by hand) mean the same thing here; writing produces files ASE reads
 * back, with every double in its shortest exact form so that write-then-read is lossless.
 *
 * <p>Header semantics (ASE's, with choices where ASE leaves room):
 * <ul>
 *   <li>{@code Lattice="ax ay az bx by bz cx cy cz"}: lattice vectors as rows. Without {@code pbc} a
 *       Lattice means periodic in all three directions (as in ASE), except along a zero vector.</li>
 *   <li>An all-zero Lattice (written by tools for molecules, e.g. data/water-tensors) means no cell and
 *       not periodic. Here we deliberately differ from ASE, which gives pbc T T T with a zero cell, a
 *       "periodic" molecule that nothing downstream can use.</li>
 *   <li>{@code pbc="T F T"}: periodicity flags. Without a (non-zero) Lattice they are ignored (not
 *       periodic): that is how ASE writes such a molecule back. A non-zero Lattice with pbc T along a
 *       zero vector is a contradiction and is rejected.</li>
 *   <li>{@code Properties=name:type:count:...}: the per-atom columns (S string, R real, I integer,
 *       L logical). Default {@code species:S:1:pos:R:3}. {@code species} (or {@code Z}) and {@code pos}
 *       are required; other columns go to {@link Atoms#arrays()}: double[] (n·k) for R, long[] for I,
 *       String[] for S, boolean[] for L.</li>
 *   <li>Other keys go to {@link Atoms#info()}, values converted like ASE: one integer → Long, one real
 *       → Double, T/F/True/False → Boolean, several integers → long[], several numbers → double[],
 *       several logicals → boolean[], anything else String; a bare key is a flag (TRUE). Keys
 *       {@code Lattice}, {@code Properties}, {@code pbc} are recognised in any letter case.</li>
 *   <li>A header without any '=' is a plain XYZ comment: stored as info "comment" (if not blank).</li>
 *   <li>Positions and lattice vectors must be finite and within ±{@value #MAX_COORDINATE} Å (a NaN or
 *       a 1e300 there is always a broken file); other real columns and info values may hold nan/inf.</li>
 *   <li>Blank lines are allowed only at the end of the file.</li>
 * </ul>
 * Every problem in a file is an {@link InputException} "file:line: problem".
 */
public final class ExtXyz {
    /** Largest accepted |coordinate| in Å for positions and lattice vectors. */
    public static final double MAX_COORDINATE = 1e6;

    private static final String DEFAULT_PROPERTIES = "species:S:1:pos:R:3";
    /** Atoms a frame's arrays start with; they double as atom lines are read, up to the count. */
    private static final int FIRST_CAPACITY = 1 << 12;

    private ExtXyz() {}

    // ------------------------------------------------------------------------------------------ reading

    /** All frames of a file. */
    public static List<Atoms> readAll(Path file) {
        List<Atoms> frames = new ArrayList<>();
        try (FrameReader r = open(file)) {
            while (r.hasNext()) frames.add(r.next());
        }
        return frames;
    }

    /**
     * One frame; a negative index counts from the end (-1 = last), as in ASE. Frames before it are
     * skipped line by line without being parsed.
     */
    public static Atoms read(Path file, int index) {
        int i = index;
        if (i < 0) {
            int n = countFrames(file);
            i = n + index;
            if (i < 0) throw InputException.at(file, "frame index " + index + " out of range: the file has " + n + " frames");
        }
        try (Parser p = new Parser(openStream(file), file, size(file))) {
            for (int k = 0; k < i; k++) {
                if (!p.skipFrame()) throw outOfRange(file, index, k);
            }
            Atoms a = p.frame();
            if (a == null) {
                if (i == 0) throw InputException.at(file, 1, "empty file (no frames)");
                throw outOfRange(file, index, i);
            }
            return a;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static InputException outOfRange(Path file, int index, int frames) {
        return InputException.at(file, "frame index " + index + " out of range: the file has " + frames + " frames");
    }

    /**
     * Number of frames, found by reading only the atom-count lines and skipping the rest: it checks the
     * frame structure (counts, truncation, text) but not the contents of the atom lines.
     */
    public static int countFrames(Path file) {
        try (Parser p = new Parser(openStream(file), file, size(file))) {
            int n = 0;
            while (p.skipFrame()) n++;
            if (n == 0) throw InputException.at(file, 1, "empty file (no frames)");
            return n;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** Frames one at a time, so that a long trajectory need not be held in memory. Close it when done. */
    public static FrameReader open(Path file) {
        return new FrameReader(new Parser(openStream(file), file, size(file)));
    }

    /**
     * Frames as a lazy Stream (one frame in memory at a time); use in try-with-resources so the file
     * is closed: {@code try (Stream<Atoms> s = ExtXyz.stream(p)) { ... }}.
     */
    public static Stream<Atoms> stream(Path file) {
        FrameReader r = open(file);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(r, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(r::close);
    }

    /** Frames from a stream (e.g. decompressed or stdin); {@code name} is used in error messages. */
    public static FrameReader open(InputStream in, Path name) {
        return new FrameReader(new Parser(in, name, -1));
    }

    /** An iterator over the frames of one file; I/O and format problems surface as {@link InputException}. */
    public static final class FrameReader implements Iterator<Atoms>, AutoCloseable {
        private final Parser parser;
        private Atoms pending;
        private boolean done;
        private int frames;

        private FrameReader(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean hasNext() {
            if (pending == null && !done) {
                try {
                    pending = parser.frame();
                } catch (IOException e) {
                    close();
                    throw cannotRead(parser.lines.name(), e);
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
                if (pending == null) {
                    done = true;
                    close();
                    if (frames == 0) throw InputException.at(parser.lines.name(), 1, "empty file (no frames)");
                }
            }
            return pending != null;
        }

        @Override
        public Atoms next() {
            if (!hasNext()) throw new NoSuchElementException();
            Atoms a = pending;
            pending = null;
            frames++;
            return a;
        }

        /** Frames returned so far. */
        public int count() {
            return frames;
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static InputStream openStream(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static InputException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return InputException.at(file, "no such file");
        if (Files.isDirectory(file)) return InputException.at(file, "is a folder, not a file");
        return new InputException(file + ": cannot read: " + e.getMessage(), e);
    }

    /** One per-atom column group of the Properties spec. */
    private record Column(String name, char type, int width) {}

    /** The parsed header of one frame. */
    private record Header(Map<String, Object> info, double[] cell, boolean[] pbc, Column[] columns) {}

    /** Reads frames from text lines; keeps per-file caches (symbols, Properties specs). */
    private static final class Parser implements AutoCloseable {
        final TextLines lines;
        private final long size;
        private final Map<String, String> symbolCache = new HashMap<>();
        private final Map<String, Column[]> specCache = new HashMap<>();
        private int[] bounds = new int[16];
        private int lastCountLine;

        Parser(InputStream in, Path name, long size) {
            this.lines = new TextLines(in, name);
            this.size = size;
        }

        private Path name() {
            return lines.name();
        }

        private InputException error(int line, String problem) {
            return InputException.at(name(), line, problem);
        }

        /** The atom count of the next frame, or -1 at the end (trailing blank lines allowed). */
        private int countLine() throws IOException {
            String s = lines.next();
            if (s == null) return -1;
            if (s.isBlank()) {
                int blank = lines.lineNumber();
                String t;
                while ((t = lines.next()) != null) {
                    if (!t.isBlank()) throw error(blank, "blank line where an atom count was expected");
                }
                return -1;
            }
            int line = lines.lineNumber();
            int[] b = Numbers.tokens(s);
            long n = -1;
            if (b.length == 2) {
                try {
                    n = Numbers.parseLong(s, b[0], b[1]);
                } catch (Numbers.NotANumber e) {
                    n = -1;
                }
            }
            if (n < 0) {
                String hint = lastCountLine > 0 ? " (does the frame at line " + lastCountLine
                        + " have more atom lines than its count says?)" : "";
                throw error(line, "bad atom count '" + shorten(s) + "': expected a non-negative integer" + hint);
            }
            long limit = size >= 0 ? size / 8 + 1 : 50_000_000L;
            if (n > limit || n > Integer.MAX_VALUE / 3) {
                throw error(line, "atom count " + n + " is more than the file can hold (truncated file?)");
            }
            lastCountLine = line;
            return (int) n;
        }

        /** Skips one frame; false at the end of the file. */
        boolean skipFrame() throws IOException {
            int n = countLine();
            if (n < 0) return false;
            int countLine = lines.lineNumber();
            if (!lines.skip()) throw error(countLine + 1, "truncated frame: no header line after the atom count on line " + countLine);
            for (int i = 0; i < n; i++) {
                if (!lines.skip()) throw truncatedAtEnd(countLine, n, i);
            }
            return true;
        }

        private InputException truncatedAtEnd(int countLine, int n, int have) {
            return error(lines.lineNumber() + 1, "truncated frame: the atom count on line " + countLine + " is " + n
                    + " but the file ends after " + have + " atom lines");
        }

        /** Parses the next frame; null at the end of the file. */
        Atoms frame() throws IOException {
            int n = countLine();
            if (n < 0) return null;
            int countLine = lines.lineNumber();
            String headerLine = lines.next();
            if (headerLine == null) {
                throw error(countLine + 1, "truncated frame: no header line after the atom count on line " + countLine);
            }
            Header h = header(headerLine, lines.lineNumber());
            Column[] cols = h.columns;
            int ncol = 0;
            for (Column c : cols) ncol += c.width;
            if (bounds.length < 2 * ncol + 2) bounds = new int[2 * ncol + 2];

            // arrays grow with the atom lines actually read, so a corrupt count cannot allocate gigabytes
            int cap = Math.min(n, FIRST_CAPACITY);
            String[] symbols = new String[cap];
            double[] pos = new double[3 * cap];
            Object[] store = new Object[cols.length];
            int speciesCol = -1;
            int zCol = -1;
            int posCol = -1;
            for (int p = 0; p < cols.length; p++) {
                Column c = cols[p];
                if (c.name.equals("species") && speciesCol < 0) {
                    speciesCol = p;
                } else if (c.name.equals("pos") && posCol < 0) {
                    posCol = p;
                } else {
                    if (c.name.equals("Z") && zCol < 0) zCol = p;
                    store[p] = switch (c.type) {
                        case 'R' -> new double[cap * c.width];
                        case 'I' -> new long[cap * c.width];
                        case 'L' -> new boolean[cap * c.width];
                        default -> new String[cap * c.width];
                    };
                }
            }
            if (speciesCol >= 0) zCol = -1;

            for (int i = 0; i < n; i++) {
                String s = lines.next();
                if (s == null) throw truncatedAtEnd(countLine, n, i);
                if (i == cap) {
                    cap = (int) Math.min(n, 2L * cap);
                    symbols = Arrays.copyOf(symbols, cap);
                    pos = Arrays.copyOf(pos, 3 * cap);
                    for (int p = 0; p < cols.length; p++) if (store[p] != null) store[p] = resized(store[p], cap * cols[p].width);
                }
                int line = lines.lineNumber();
                int found = Numbers.tokenize(s, bounds);
                if (found != ncol) {
                    if (found == 1 && Numbers.isLong(s, bounds[0], bounds[1]) && ncol != 1) {
                        throw error(line, "truncated frame: the atom count on line " + countLine + " is " + n
                                + " but only " + i + " atom lines follow (this line looks like the next atom count)");
                    }
                    throw error(line, "expected " + ncol + " columns (" + spec(cols) + "), found " + found);
                }
                int t = 0;
                for (int p = 0; p < cols.length; p++) {
                    Column c = cols[p];
                    if (p == speciesCol) {
                        symbols[i] = symbol(s, bounds[0 + 2 * t], bounds[1 + 2 * t], line, t);
                        t++;
                    } else if (p == posCol) {
                        for (int k = 0; k < 3; k++, t++) pos[3 * i + k] = coordinate(s, t, line, "pos");
                    } else {
                        Object st = store[p];
                        int w = c.width;
                        for (int k = 0; k < w; k++, t++) {
                            int a = bounds[2 * t];
                            int e = bounds[2 * t + 1];
                            switch (c.type) {
                                case 'R' -> ((double[]) st)[i * w + k] = real(s, a, e, line, t, c.name);
                                case 'I' -> ((long[]) st)[i * w + k] = integer(s, a, e, line, t, c.name);
                                case 'L' -> {
                                    Boolean v = Numbers.parseBoolean(s, a, e);
                                    if (v == null) throw error(line, "bad logical '" + s.substring(a, e) + "' in column "
                                            + (t + 1) + " (" + c.name + "): expected T or F");
                                    ((boolean[]) st)[i * w + k] = v;
                                }
                                default -> ((String[]) st)[i * w + k] = s.substring(a, e);
                            }
                        }
                    }
                }
                if (zCol >= 0) {
                    long z = ((long[]) store[zCol])[i];
                    if (z < 1 || z > 118) throw error(line, "unknown atomic number " + z + " in column Z");
                    symbols[i] = Elements.symbol((int) z);
                }
            }

            Map<String, Object> arrays = new LinkedHashMap<>();
            for (int p = 0; p < cols.length; p++) {
                if (store[p] != null && p != zCol) arrays.put(cols[p].name, store[p]);
            }
            return new Atoms(symbols, pos, h.cell, h.pbc, h.info, arrays);
        }

        private static Object resized(Object array, int length) {
            if (array instanceof double[] d) return Arrays.copyOf(d, length);
            if (array instanceof long[] l) return Arrays.copyOf(l, length);
            if (array instanceof boolean[] b) return Arrays.copyOf(b, length);
            return Arrays.copyOf((String[]) array, length);
        }

        private String symbol(String s, int a, int e, int line, int t) {
            String raw = s.substring(a, e);
            String sym = symbolCache.get(raw);
            if (sym == null) {
                if (!Elements.isElement(raw)) {
                    throw error(line, "unknown element symbol '" + shorten(raw) + "' in column " + (t + 1));
                }
                sym = Elements.canonical(raw);
                symbolCache.put(raw, sym);
            }
            return sym;
        }

        private double coordinate(String s, int t, int line, String what) {
            int a = bounds[2 * t];
            int e = bounds[2 * t + 1];
            double v = real(s, a, e, line, t, what);
            if (!(Math.abs(v) <= MAX_COORDINATE)) {
                throw error(line, (Double.isFinite(v) ? "coordinate out of range '" : "non-finite coordinate '")
                        + s.substring(a, e) + "' in column " + (t + 1) + " (" + what + "): must be finite and within ±"
                        + MAX_COORDINATE + " Å");
            }
            return v;
        }

        private double real(String s, int a, int e, int line, int t, String what) {
            try {
                return Numbers.parseDouble(s, a, e);
            } catch (Numbers.NotANumber x) {
                throw error(line, "bad number '" + shorten(s.substring(a, e)) + "' in column " + (t + 1) + " (" + what + ")");
            }
        }

        private long integer(String s, int a, int e, int line, int t, String what) {
            try {
                return Numbers.parseLong(s, a, e);
            } catch (Numbers.NotANumber x) {
                throw error(line, "bad integer '" + shorten(s.substring(a, e)) + "' in column " + (t + 1) + " (" + what + ")");
            }
        }

        private Header header(String s, int line) {
            Map<String, String> kv;
            try {
                kv = s.indexOf('=') < 0 ? null : splitKeyValues(s);
            } catch (IllegalArgumentException e) {
                throw error(line, "malformed header: " + e.getMessage());
            }
            Map<String, Object> info = new LinkedHashMap<>();
            if (kv == null) {
                if (!s.isBlank()) info.put("comment", s.strip());
                return new Header(info, null, new boolean[3], columns(DEFAULT_PROPERTIES, line));
            }
            String spec = DEFAULT_PROPERTIES;
            double[] lattice = null;
            boolean[] pbc = null;
            for (Map.Entry<String, String> en : kv.entrySet()) {
                String key = en.getKey();
                String raw = en.getValue();
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "properties" -> {
                        if (raw == null) throw error(line, "Properties needs a value");
                        spec = raw.strip();
                    }
                    case "lattice" -> lattice = lattice(raw, line);
                    case "pbc" -> pbc = pbcFlags(raw, line);
                    default -> info.put(key, raw == null ? Boolean.TRUE : parseValue(raw));
                }
            }
            double[] cell = null;
            if (lattice != null) {
                boolean zero = true;
                for (double v : lattice) zero &= v == 0;
                if (!zero) cell = lattice;
            }
            if (cell == null) {
                // No lattice vectors, so nothing to be periodic with: pbc="T T T" here is what ASE writes
                // back for a molecule it read from an all-zero Lattice.
                pbc = new boolean[3];
            } else if (pbc == null) {
                pbc = new boolean[3];
                for (int k = 0; k < 3; k++) pbc[k] = !zeroVector(cell, k);
            } else {
                for (int k = 0; k < 3; k++) {
                    if (pbc[k] && zeroVector(cell, k)) {
                        throw error(line, "pbc is T along " + "abc".charAt(k) + " but that lattice vector is zero");
                    }
                }
            }
            return new Header(info, cell, pbc, columns(spec, line));
        }

        private double[] lattice(String raw, int line) {
            int[] b = raw == null ? new int[0] : Numbers.tokens(raw);
            if (b.length != 18) {
                throw error(line, "Lattice needs 9 numbers (a, b, c as rows), found " + b.length / 2);
            }
            double[] m = new double[9];
            for (int k = 0; k < 9; k++) {
                double v;
                try {
                    v = Numbers.parseDouble(raw, b[2 * k], b[2 * k + 1]);
                } catch (Numbers.NotANumber e) {
                    throw error(line, "bad number '" + shorten(raw.substring(b[2 * k], b[2 * k + 1])) + "' in Lattice");
                }
                if (!(Math.abs(v) <= MAX_COORDINATE)) {
                    throw error(line, "Lattice value '" + raw.substring(b[2 * k], b[2 * k + 1])
                            + "' must be finite and within ±" + MAX_COORDINATE + " Å");
                }
                m[k] = v;
            }
            return m;
        }

        private boolean[] pbcFlags(String raw, int line) {
            int[] b = raw == null ? new int[0] : Numbers.tokens(raw);
            if (b.length != 6) throw error(line, "pbc needs 3 flags (T/F), found " + b.length / 2);
            boolean[] f = new boolean[3];
            for (int k = 0; k < 3; k++) {
                String w = raw.substring(b[2 * k], b[2 * k + 1]);
                Boolean v = Numbers.parseBoolean(raw, b[2 * k], b[2 * k + 1]);
                if (v == null && w.equals("1")) v = Boolean.TRUE;
                if (v == null && w.equals("0")) v = Boolean.FALSE;
                if (v == null) throw error(line, "bad pbc flag '" + shorten(w) + "': expected T or F");
                f[k] = v;
            }
            return f;
        }

        private Column[] columns(String spec, int line) {
            Column[] cached = specCache.get(spec);
            if (cached != null) return cached;
            String[] parts = spec.split(":", -1);
            if (parts.length % 3 != 0) {
                throw error(line, "malformed Properties '" + shorten(spec) + "': expected name:type:count triples");
            }
            Column[] cols = new Column[parts.length / 3];
            boolean species = false;
            boolean z = false;
            boolean pos = false;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int p = 0; p < cols.length; p++) {
                String name = parts[3 * p];
                String type = parts[3 * p + 1];
                int width;
                try {
                    width = Integer.parseInt(parts[3 * p + 2]);
                } catch (NumberFormatException e) {
                    width = -1;
                }
                if (name.isEmpty() || name.chars().anyMatch(ch -> Numbers.isSpace((char) ch))) {
                    throw error(line, "malformed Properties '" + shorten(spec) + "': bad column name '" + name + "'");
                }
                if (type.length() != 1 || "SRIL".indexOf(Character.toUpperCase(type.charAt(0))) < 0) {
                    throw error(line, "malformed Properties: column '" + name + "' has type '" + type + "', expected S, R, I or L");
                }
                if (width < 1 || width > 10_000) {
                    throw error(line, "malformed Properties: column '" + name + "' has count '" + parts[3 * p + 2]
                            + "', expected a positive integer");
                }
                if (!seen.add(name)) throw error(line, "malformed Properties: column '" + name + "' appears twice");
                char t = Character.toUpperCase(type.charAt(0));
                cols[p] = new Column(name, t, width);
                if (name.equals("species")) {
                    if (t != 'S' || width != 1) throw error(line, "Properties: species must be S:1");
                    species = true;
                } else if (name.equals("pos")) {
                    if (t != 'R' || width != 3) throw error(line, "Properties: pos must be R:3");
                    pos = true;
                } else if (name.equals("Z")) {
                    z = t == 'I' && width == 1;
                }
            }
            if (!species && !z) throw error(line, "Properties has no species:S:1 (or Z:I:1) column");
            if (!pos) throw error(line, "Properties has no pos:R:3 column");
            specCache.put(spec, cols);
            return cols;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    private static boolean zeroVector(double[] cell, int k) {
        return cell[3 * k] == 0 && cell[3 * k + 1] == 0 && cell[3 * k + 2] == 0;
    }

    private static String spec(Column[] cols) {
        StringBuilder b = new StringBuilder();
        for (Column c : cols) {
            if (b.length() > 0) b.append(':');
            b.append(c.name).append(':').append(c.type).append(':').append(c.width);
        }
        return b.toString();
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }

    // ------------------------------------------------------------------------------- header key=value

    /**
     * Splits an extended-XYZ header into raw key → value text (quotes removed, escapes \" and \\
     * resolved; null for a bare key). Values may be "double-quoted", 'single-quoted', {braced} or
     * [bracketed] (kept with brackets), or bare words. Later duplicates win, as in ASE.
     *
     * @throws IllegalArgumentException on an unterminated quote or bracket, or a missing key
     */
    public static Map<String, String> splitKeyValues(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = s.length();
        int i = 0;
        while (true) {
            while (i < n && Numbers.isSpace(s.charAt(i))) i++;
            if (i >= n) return out;
            String key;
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int[] end = new int[1];
                key = quoted(s, i, end);
                i = end[0];
            } else {
                int start = i;
                while (i < n && !Numbers.isSpace(s.charAt(i)) && s.charAt(i) != '=') i++;
                key = s.substring(start, i);
                if (key.isEmpty()) throw new IllegalArgumentException("'=' without a key at column " + (i + 1));
            }
            int j = i;
            while (j < n && Numbers.isSpace(s.charAt(j))) j++;
            if (j < n && s.charAt(j) == '=') {
                j++;
                while (j < n && Numbers.isSpace(s.charAt(j))) j++;
                String value;
                if (j >= n) {
                    value = "";
                } else {
                    char v = s.charAt(j);
                    if (v == '"' || v == '\'') {
                        int[] end = new int[1];
                        value = quoted(s, j, end);
                        j = end[0];
                    } else if (v == '{' || v == '[') {
                        char close = v == '{' ? '}' : ']';
                        int depth = 0;
                        int start = j;
                        for (; j < n; j++) {
                            char x = s.charAt(j);
                            if (x == v) depth++;
                            else if (x == close && --depth == 0) break;
                        }
                        if (j >= n) {
                            throw new IllegalArgumentException("unterminated '" + v + "' starting at column " + (start + 1)
                                    + " (value of " + key + ")");
                        }
                        j++;
                        value = v == '{' ? s.substring(start + 1, j - 1) : s.substring(start, j);
                    } else {
                        int start = j;
                        while (j < n && !Numbers.isSpace(s.charAt(j))) j++;
                        value = s.substring(start, j);
                    }
                }
                out.put(key, value);
                i = j;
            } else {
                out.put(key, null);
            }
        }
    }

    /** The quoted string starting at s[at] (a quote); end[0] receives the index after the closing quote. */
    private static String quoted(String s, int at, int[] end) {
        char q = s.charAt(at);
        StringBuilder b = new StringBuilder();
        int n = s.length();
        for (int i = at + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == q || s.charAt(i + 1) == '\\')) {
                b.append(s.charAt(++i));
            } else if (c == q) {
                end[0] = i + 1;
                return b.toString();
            } else {
                b.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated quote " + q + " starting at column " + (at + 1));
    }

    /**
     * Converts a header value as ASE does: one integer → Long, one number → Double, T/F/True/False →
     * Boolean; several integers → long[], several numbers → double[], several logicals → boolean[];
     * a [bracketed, list] is flattened the same way; anything else stays the String it was.
     */
    public static Object parseValue(String raw) {
        String text = raw;
        if (raw.startsWith("[") && raw.endsWith("]")) {
            text = raw.replace('[', ' ').replace(']', ' ').replace(',', ' ');
        }
        int[] b = Numbers.tokens(text);
        int n = b.length / 2;
        if (n == 0) return raw;
        if (n == 1) {
            int a = b[0];
            int e = b[1];
            if (Numbers.isLong(text, a, e)) return Numbers.parseLong(text, a, e);
            if (Numbers.isDouble(text, a, e)) return Numbers.parseDouble(text, a, e);
            Boolean v = Numbers.parseBoolean(text, a, e);
            if (v != null) return v;
            return raw;
        }
        boolean allLong = true;
        boolean allDouble = true;
        boolean allBool = true;
        for (int k = 0; k < n && (allLong || allDouble || allBool); k++) {
            int a = b[2 * k];
            int e = b[2 * k + 1];
            if (allLong && !Numbers.isLong(text, a, e)) allLong = false;
            if (allDouble && !allLong && !Numbers.isDouble(text, a, e)) allDouble = false;
            if (allBool && Numbers.parseBoolean(text, a, e) == null) allBool = false;
        }
        if (allLong) {
            long[] v = new long[n];
            for (int k = 0; k < n; k++) v[k] = Numbers.parseLong(text, b[2 * k], b[2 * k + 1]);
            return v;
        }
        if (allDouble) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) v[k] = Numbers.parseDouble(text, b[2 * k], b[2 * k + 1]);
            return v;
        }
        if (allBool) {
            boolean[] v = new boolean[n];
            for (int k = 0; k < n; k++) v[k] = Numbers.parseBoolean(text, b[2 * k], b[2 * k + 1]);
            return v;
        }
        return raw;
    }

    // ------------------------------------------------------------------------------------------ writing

    /** Writes frames to a file (replacing it). */
    public static void write(Path file, List<Atoms> frames) {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (Atoms a : frames) write(w, a);
        } catch (IOException e) {
            throw new InputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes one frame to a file (replacing it). */
    public static void write(Path file, Atoms atoms) {
        write(file, List.of(atoms));
    }

    /** Appends one frame. */
    public static void write(Appendable out, Atoms atoms) throws IOException {
        out.append(format(atoms));
    }

    /**
     * One frame as text: Lattice (if there is a cell), Properties, info keys, pbc; numbers in Java's
     * shortest round-trip form, so reading it back gives identical doubles. ASE limits: an info array of
     * length 1 reads back as a scalar, a String that looks like a number or T/F reads back as one.
     *
     * @throws IllegalArgumentException for info/array names or values extended XYZ cannot represent
     */
    public static String format(Atoms atoms) {
        int n = atoms.size();
        StringBuilder b = new StringBuilder(64 + 48 * n);
        b.append(n).append('\n');
        double[] cell = atoms.cell();
        if (cell != null) {
            b.append("Lattice=\"");
            for (int k = 0; k < 9; k++) {
                if (k > 0) b.append(' ');
                b.append(cell[k]);
            }
            b.append("\" ");
        }
        List<Map.Entry<String, Object>> arrays = new ArrayList<>(atoms.arrays().entrySet());
        int[] widths = new int[arrays.size()];
        b.append("Properties=species:S:1:pos:R:3");
        for (int p = 0; p < arrays.size(); p++) {
            String name = arrays.get(p).getKey();
            Object v = arrays.get(p).getValue();
            checkName(name, "array");
            if (name.equals("species") || name.equals("pos")) {
                throw new IllegalArgumentException("per-atom array may not be called '" + name + "'");
            }
            char type;
            int len;
            if (v instanceof double[] d) {
                type = 'R';
                len = d.length;
            } else if (v instanceof long[] l) {
                type = 'I';
                len = l.length;
            } else if (v instanceof int[] l) {
                type = 'I';
                len = l.length;
            } else if (v instanceof boolean[] l) {
                type = 'L';
                len = l.length;
            } else if (v instanceof String[] l) {
                type = 'S';
                len = l.length;
                for (String x : l) {
                    if (x == null || x.isEmpty() || x.chars().anyMatch(ch -> ch <= ' ')) {
                        throw new IllegalArgumentException("array '" + name + "' has an empty string or one with blanks");
                    }
                }
            } else {
                throw new IllegalArgumentException("array '" + name + "' has unsupported type "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            if (n == 0) {
                widths[p] = 1;
            } else {
                if (len % n != 0 || len == 0) {
                    throw new IllegalArgumentException("array '" + name + "' has " + len + " values for " + n + " atoms");
                }
                widths[p] = len / n;
            }
            b.append(':').append(name).append(':').append(type).append(':').append(widths[p]);
        }
        for (Map.Entry<String, Object> en : atoms.info().entrySet()) {
            String key = en.getKey();
            checkName(key, "info");
            String lk = key.toLowerCase(Locale.ROOT);
            if (lk.equals("lattice") || lk.equals("properties") || lk.equals("pbc")) {
                throw new IllegalArgumentException("info key '" + key + "' is reserved in extended XYZ");
            }
            b.append(' ').append(key);
            Object v = en.getValue();
            if (Boolean.TRUE.equals(v)) {
                b.append("=T");
            } else {
                b.append('=');
                appendValue(b, key, v);
            }
        }
        boolean[] pbc = atoms.pbc();
        b.append(" pbc=\"").append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ')
                .append(pbc[2] ? 'T' : 'F').append("\"\n");
        double[] x = atoms.positions();
        for (int i = 0; i < n; i++) {
            String s = atoms.symbol(i);
            b.append(s);
            for (int k = s.length(); k < 2; k++) b.append(' ');
            for (int k = 0; k < 3; k++) b.append(' ').append(x[3 * i + k]);
            for (int p = 0; p < arrays.size(); p++) {
                Object v = arrays.get(p).getValue();
                int w = widths[p];
                for (int k = i * w; k < (i + 1) * w; k++) {
                    b.append(' ');
                    if (v instanceof double[] d) b.append(d[k]);
                    else if (v instanceof long[] l) b.append(l[k]);
                    else if (v instanceof int[] l) b.append(l[k]);
                    else if (v instanceof boolean[] l) b.append(l[k] ? 'T' : 'F');
                    else b.append(((String[]) v)[k]);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void checkName(String name, String what) {
        if (name.isEmpty() || name.chars().anyMatch(ch -> ch <= ' ' || ch == '=' || ch == '"' || ch == '\'' || ch == ':')) {
            throw new IllegalArgumentException(what + " name '" + name + "' cannot be written to extended XYZ");
        }
    }

    private static void appendValue(StringBuilder b, String key, Object v) {
        if (v instanceof Boolean f) {
            b.append(f ? 'T' : 'F');
        } else if (v instanceof Double || v instanceof Float) {
            b.append(((Number) v).doubleValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof String s) {
            boolean plain = !s.isEmpty() && s.chars().noneMatch(ch -> ch <= ' ' || ch == '"' || ch == '\'' || ch == '\\'
                    || ch == '=' || ch == '{' || ch == '[');
            if (plain) {
                b.append(s);
            } else {
                b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        } else if (v instanceof double[] d) {
            b.append('"');
            for (int k = 0; k < d.length; k++) (k > 0 ? b.append(' ') : b).append(d[k]);
            b.append('"');
        } else if (v instanceof long[] d) {
            b.append('"');
            for (int k = 0; k < d.length; k++) (k > 0 ? b.append(' ') : b).append(d[k]);
            b.append('"');
        } else if (v instanceof int[] d) {
            b.append('"');
            for (int k = 0; k < d.length; k++) (k > 0 ? b.append(' ') : b).append(d[k]);
            b.append('"');
        } else if (v instanceof boolean[] d) {
            b.append('"');
            for (int k = 0; k < d.length; k++) (k > 0 ? b.append(' ') : b).append(d[k] ? 'T' : 'F');
            b.append('"');
        } else {
            throw new IllegalArgumentException("info '" + key + "' has unsupported type "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }
}
