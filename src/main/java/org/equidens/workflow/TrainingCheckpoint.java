package org.equidens.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.equidens.io.AtomicFiles;
import org.equidens.io.InputException;
import org.equidens.model.CgCheckpoint;

/**
 * The restart state of one {@code train} run, in the folder {@code <output>.checkpoint} next to the
 * model directory: a fingerprint of the config and the data (a checkpoint of another run is never
 * resumed), one record per finished step (learning-curve point, split, committee member) and the
 * PCG iteration state of the solve under way. Every file is written atomically, so a kill at any
 * moment leaves the previous state or the new one. The folder is removed once the model is written.
 */
public final class TrainingCheckpoint {
    private static final int MAGIC = 0x45514347; // "EQCG"
    private final Path dir;
    private final String fingerprint;
    private final long everyNanos;
    private final PrintWriter log;

    private TrainingCheckpoint(Path dir, String fingerprint, long everyNanos, PrintWriter log) {
        this.dir = dir;
        this.log = log;
        this.fingerprint = fingerprint;
        this.everyNanos = everyNanos;
    }

    /** The checkpoint folder of a model directory. */
    public static Path folder(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint");
    }

    /**
     * Opens the checkpoint of {@code output}. With {@code resume}, an existing one must carry the same
     * fingerprint (else a one-line error); without, any old one is discarded and a new one begun.
     *
     * @param everySeconds how often a PCG solve saves its state (0: every iteration)
     */
    public static TrainingCheckpoint open(Path output, String fingerprint, boolean resume, double everySeconds, PrintWriter log) {
        Path dir = folder(output);
        Path fp = dir.resolve("fingerprint.txt");
        try {
            if (resume && Files.isRegularFile(fp)) {
                String old = Files.readString(fp, StandardCharsets.UTF_8).strip();
                if (!old.equals(fingerprint))
                    throw InputException.at(dir, "was written for another config or other data (fingerprint " + abbrev(old) + ", this run " + abbrev(fingerprint)
                            + "); run without --resume to start over");
                log.printf("resuming from %s%n", dir);
            } else {
                if (resume) log.printf("no checkpoint at %s: starting from the beginning%n", dir);
                else if (Files.exists(dir)) log.printf("discarding the old checkpoint %s (use --resume to continue it)%n", dir);
                if (Files.exists(dir)) ModelDirectory.deleteTree(dir);
            }
        } catch (IOException e) {
            throw InputException.at(dir, "cannot use the checkpoint folder: " + e.getMessage());
        }
        return new TrainingCheckpoint(dir, fingerprint, (long) (Math.max(0, everySeconds) * 1e9), log);
    }

    /** Created on the first save, so a run that fails on bad input before any step leaves nothing behind. */
    private void ensure() {
        Path fp = dir.resolve("fingerprint.txt");
        if (Files.isRegularFile(fp)) return;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw InputException.at(dir, "cannot create the checkpoint folder: " + e.getMessage());
        }
        AtomicFiles.write(fp, o -> o.write((fingerprint + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    public Path dir() {
        return dir;
    }

    /** The record of a finished step, or null. */
    public JsonNode record(String step) {
        Path f = dir.resolve(step + ".json");
        if (!Files.isRegularFile(f)) return null;
        try {
            return ModelDirectory.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw InputException.at(f, "cannot read the checkpoint record: " + e.getMessage());
        }
    }

    /** Records a finished step (doubles round-trip exactly through JSON) and drops its solver state. */
    public void record(String step, Map<String, Object> values) {
        ensure();
        ModelDirectory.writeJson(dir.resolve(step + ".json"), values);
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("cg_" + step + "_")).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw InputException.at(dir, "cannot clean the checkpoint: " + e.getMessage());
        }
    }

    /** Finished committee members of spherical block k (records {@code committee<k>_member<m>}). */
    public org.equidens.model.Committee.MemberStore members(int block) {
        return new org.equidens.model.Committee.MemberStore() {
            @Override
            public double[] load(int member) {
                JsonNode r = record("committee" + block + "_member" + member);
                if (r == null) return null;
                JsonNode w = r.get("weights");
                double[] v = new double[w.size()];
                for (int i = 0; i < v.length; i++) v[i] = w.get(i).asDouble();
                return v;
            }

            @Override
            public void save(int member, double[] weights) {
                record("committee" + block + "_member" + member, Map.of("weights", weights));
            }
        };
    }

    /** The PCG state store of one step (e.g. one training size). */
    public CgCheckpoint solver(String step) {
        return new CgCheckpoint() {
            private long last = System.nanoTime();

            private Path file(int set) {
                return dir.resolve("cg_" + step + "_" + set + ".bin");
            }

            @Override
            public State restore(int set, int dimension) {
                Path f = file(set);
                if (!Files.isRegularFile(f)) return null;
                try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f)))) {
                    if (in.readInt() != MAGIC) throw InputException.at(f, "not an equidens PCG checkpoint");
                    int dim = in.readInt(), it = in.readInt();
                    if (dim != dimension) throw InputException.at(f, "holds " + dim + " weights, this problem has " + dimension + "; run without --resume");
                    double rz = in.readDouble();
                    double[][] v = new double[3][dim];
                    for (double[] a : v) for (int i = 0; i < dim; i++) a[i] = in.readDouble();
                    log.printf("  PCG (weight set %d) resumes at iteration %d (checkpoint)%n", set, it);
                    return new State(it, rz, v[0], v[1], v[2]);
                } catch (IOException e) {
                    throw InputException.at(f, "cannot read the PCG checkpoint: " + e.getMessage());
                }
            }

            @Override
            public boolean due(int iteration) {
                return System.nanoTime() - last >= everyNanos;
            }

            @Override
            public void save(int set, State s) {
                ensure();
                AtomicFiles.write(file(set), o -> {
                    DataOutputStream out = new DataOutputStream(o);
                    out.writeInt(MAGIC);
                    out.writeInt(s.x().length);
                    out.writeInt(s.iteration());
                    out.writeDouble(s.rz()); // exact bits: the resumed iterations are those of an uninterrupted run
                    for (double[] a : new double[][] {s.x(), s.r(), s.p()}) for (double d : a) out.writeDouble(d);
                    out.flush();
                });
                last = System.nanoTime();
            }
        };
    }

    /** Removes the checkpoint (the model is written). */
    public void finish() {
        ModelDirectory.deleteTree(dir);
    }

    /** SHA-256 (hex) of settings (threads aside: they do not change the result) and of data files. */
    public static String fingerprint(Map<String, Object> settings, Path... files) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(settings);
        m.remove("threads");
        try {
            // keys sorted: Map.of's iteration order changes from one JVM to the next
            return fingerprint(ModelDirectory.JSON.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(m), files);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of text parts and file contents, in order. */
    public static String fingerprint(String text, Path... files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                md.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int k; (k = in.read(buf)) > 0;) md.update(buf, 0, k);
                } catch (IOException e) {
                    throw InputException.at(f, "cannot read: " + e.getMessage());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbrev(String fp) {
        return fp.length() > 12 ? fp.substring(0, 12) : fp;
    }
}
