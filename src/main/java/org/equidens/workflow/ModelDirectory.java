package org.equidens.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.InputException;
import org.equidens.io.Npy;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SphericalKernel;
import org.equidens.model.Committee;
import org.equidens.model.RkhsFeatureMap;
import org.equidens.model.RkhsProjector;
import org.equidens.model.SparseGpr;
import org.equidens.model.TensorCommittee;
import org.equidens.model.TensorModel;
import org.equidens.properties.CartesianTensors.Decomposition;

/**
 * The on-disk form of a {@link SagprModel}: a self-describing directory that is either complete or
 * absent. Everything is written into a hidden sibling folder first, which is renamed onto the target
 * at the end (an existing model there is moved aside first and deleted after the swap), so a crash
 * never leaves a half-written model under the target name.
 *
 * <pre>
 * model.json               format_version, equidens_version, task, target, tensor (rank, symmetric,
 *                          λ list), descriptor hypers, kernel ζ, per-λ blocks (η, species, sizes),
 *                          λ=0 baseline per atom, committee (members, α per λ), training fingerprint,
 *                          the full settings
 * config.yaml              the config file as given
 * metrics.json             learning curve and final-model test errors (written by the train command)
 * learning_curve.png
 * lambda_L/sparse0_Z.npy   (M, 1, F0) normalised λ=0 features of species Z's sparse environments
 * lambda_L/sparse_Z.npy    (M, 2L+1, F) normalised λ features of the same environments
 * lambda_L/projector_Z.npy (P, D) V = U Λ^(−1/2), P = M(2L+1)
 * lambda_L/eigenvalues_Z.npy (D) kept eigenvalues of K_MM
 * lambda_L/weights.npy     (D_total) RKHS weights, species blocks in ascending Z
 * lambda_L/committee.npy   (members, D_total) committee weights, if any
 * </pre>
 * Arrays are float64 .npy, read back bit for bit, so a loaded model predicts exactly what the
 * saved one did (nothing is recomputed: V is stored, not re-diagonalised).
 */
public final class ModelDirectory {
    /** Bumped whenever the layout or the meaning of a stored array changes. */
    public static final int FORMAT_VERSION = 1;
    public static final String MODEL_JSON = "model.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelDirectory() {}

    /** Whether dir looks like a model directory (has model.json). */
    public static boolean isModel(Path dir) {
        return Files.isRegularFile(dir.resolve(MODEL_JSON));
    }

    /**
     * Writes the model atomically.
     *
     * @param extra  more top-level model.json entries (settings, training fingerprint, ...)
     * @param others writes further files (metrics, plots, config copy) into the temporary folder
     */
    public static void write(Path dir, SagprModel m, Map<String, Object> extra, String equidensVersion, Consumer<Path> others) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw InputException.at(dir, "cannot create the parent folder: " + e.getMessage());
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw InputException.at(dir, "cannot write: " + e.getMessage());
        }
        boolean done = false;
        try {
            writeContent(tmp, m, extra, equidensVersion);
            if (others != null) others.accept(tmp);
            swap(tmp, target);
            done = true;
        } catch (IOException e) {
            throw InputException.at(dir, "cannot write: " + e.getMessage());
        } finally {
            if (!done) deleteTree(tmp);
        }
    }

    private static void writeContent(Path d, SagprModel m, Map<String, Object> extra, String version) throws IOException {
        TensorModel tm = m.model();
        Decomposition dec = tm.decomposition();
        int[] lambdas = dec.lambdas();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format_version", FORMAT_VERSION);
        doc.put("equidens_version", version);
        doc.put("task", "tensor");
        doc.put("target", m.target());
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("rank", dec.rank());
        tensor.put("symmetric", dec.symmetric() || dec.rank() != 2);
        tensor.put("lambdas", lambdas);
        tensor.put("units", "as in the training file (atomic units for data/water-tensors)");
        doc.put("tensor", tensor);
        doc.put("descriptor", LambdaSoapConfig.toMap(m.hypers()));
        if (m.potential() != null) doc.put("lode", org.equidens.descriptor.LodeConfig.toMap(m.potential()));
        doc.put("kernel", Map.of("zeta", tm.featureMap(0).kernel().zeta()));
        doc.put("baseline_per_atom", tm.baselinePerAtom());
        List<Object> blocks = new ArrayList<>();
        for (int k = 0; k < lambdas.length; k++) {
            RkhsFeatureMap map = tm.featureMap(k);
            Path ld = Files.createDirectories(d.resolve("lambda_" + lambdas[k]));
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("lambda", lambdas[k]);
            b.put("eta", tm.regression(k).eta());
            b.put("dimension", map.dimension());
            List<Object> species = new ArrayList<>();
            for (int z : map.species()) {
                EquivariantFeatures s0 = map.sparseScalar(z), sl = map.sparseTensor(z);
                RkhsProjector p = map.projector(z);
                Npy.write(ld.resolve("sparse0_" + z + ".npy"), s0.data(), s0.samples(), 1, s0.features());
                Npy.write(ld.resolve("sparse_" + z + ".npy"), sl.data(), sl.samples(), sl.components(), sl.features());
                Npy.write(ld.resolve("projector_" + z + ".npy"), p.matrix(), p.size(), p.rank());
                Npy.write(ld.resolve("eigenvalues_" + z + ".npy"), p.eigenvalues(), p.rank());
                species.add(org.equidens.util.OrderedMaps.of("z", z, "sparse_environments", s0.samples(), "rank", p.rank()));
            }
            b.put("species", species);
            Npy.write(ld.resolve("weights.npy"), tm.regression(k).weights(), map.dimension());
            if (m.committee() != null) {
                Committee c = m.committee().committee(k);
                double[] w = new double[c.size() * map.dimension()];
                for (int i = 0; i < c.size(); i++) System.arraycopy(c.member(i).weights(), 0, w, i * map.dimension(), map.dimension());
                Npy.write(ld.resolve("committee.npy"), w, c.size(), map.dimension());
                b.put("committee_alpha", c.alpha());
            }
            blocks.add(b);
        }
        doc.put("blocks", blocks);
        doc.put("committee_members", m.committee() == null ? 0 : m.committee().committee(0).size());
        if (extra != null) for (Map.Entry<String, Object> e : extra.entrySet()) doc.putIfAbsent(e.getKey(), e.getValue());
        Files.write(d.resolve(MODEL_JSON), JSON.writeValueAsBytes(doc));
    }

    private static void swap(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        if (old != null) deleteTree(old);
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Reads a model directory; format version and file mistakes are one-line InputExceptions. */
    public static SagprModel read(Path dir) {
        Path json = dir.resolve(MODEL_JSON);
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readAllBytes(json));
        } catch (NoSuchFileException e) {
            throw InputException.at(dir, "not a model directory (no " + MODEL_JSON + ")");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String problem = "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw line > 0 ? InputException.at(json, line, problem) : InputException.at(json, problem);
        } catch (IOException e) {
            throw InputException.at(json, "cannot read: " + e.getMessage());
        }
        int version = doc.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION)
            throw InputException.at(json, "model format version " + (version < 0 ? "missing" : version) + " is not supported (this equidens reads version "
                    + FORMAT_VERSION + "; retrain the model or use the equidens version that wrote it, "
                    + doc.path("equidens_version").asText("unknown") + ")");
        if (!"tensor".equals(doc.path("task").asText())) throw InputException.at(json, "task '" + doc.path("task").asText() + "' is not a tensor model");
        try {
            String target = doc.get("target").asText();
            Decomposition dec = SagprModel.decomposition(doc.get("tensor").get("rank").asInt(), doc.get("tensor").get("symmetric").asBoolean());
            LambdaSoapConfig dcfg = Yaml2.convert(doc.get("descriptor"));
            LambdaSoap.Hypers hypers = dcfg.toHypers(json);
            org.equidens.descriptor.MultiscaleSoap.Potential potential = doc.hasNonNull("lode")
                    ? Yaml2.convert(doc.get("lode"), org.equidens.descriptor.LodeConfig.class).toPotential(json, "lode.", hypers) : null;
            SphericalKernel kernel = new SphericalKernel(doc.get("kernel").get("zeta").asDouble());
            int[] lambdas = dec.lambdas();
            JsonNode blocks = doc.get("blocks");
            if (blocks.size() != lambdas.length) throw InputException.at(json, "expected " + lambdas.length + " λ blocks, found " + blocks.size());
            RkhsFeatureMap[] maps = new RkhsFeatureMap[lambdas.length];
            SparseGpr[] models = new SparseGpr[lambdas.length];
            Committee[] committees = new Committee[lambdas.length];
            int members = doc.path("committee_members").asInt(0);
            for (int k = 0; k < lambdas.length; k++) {
                JsonNode b = blocks.get(k);
                int lambda = b.get("lambda").asInt();
                if (lambda != lambdas[k]) throw InputException.at(json, "block " + k + " has λ=" + lambda + ", expected " + lambdas[k]);
                Path ld = dir.resolve("lambda_" + lambda);
                Map<Integer, EquivariantFeatures> s0 = new TreeMap<>(), sl = new TreeMap<>();
                Map<Integer, RkhsProjector> proj = new TreeMap<>();
                for (JsonNode sp : b.get("species")) {
                    int z = sp.get("z").asInt();
                    Npy.Array a0 = Npy.read(ld.resolve("sparse0_" + z + ".npy")), al = Npy.read(ld.resolve("sparse_" + z + ".npy"));
                    Npy.Array v = Npy.read(ld.resolve("projector_" + z + ".npy")), ev = Npy.read(ld.resolve("eigenvalues_" + z + ".npy"));
                    s0.put(z, new EquivariantFeatures(0, a0.size(0), a0.size(2), a0.data()));
                    sl.put(z, new EquivariantFeatures(lambda, al.size(0), al.size(2), al.data()));
                    if (v.rank() != 2 || v.size(1) != ev.size(0)) throw InputException.at(ld.resolve("projector_" + z + ".npy"), "shape does not match the eigenvalues");
                    proj.put(z, RkhsProjector.fromParts(v.size(0), v.data(), ev.data()));
                }
                maps[k] = RkhsFeatureMap.fromParts(lambda, kernel, s0, sl, proj);
                double eta = b.get("eta").asDouble();
                double[] w = Npy.read(ld.resolve("weights.npy")).data();
                if (w.length != maps[k].dimension()) throw InputException.at(ld.resolve("weights.npy"), "expected " + maps[k].dimension() + " weights");
                models[k] = SparseGpr.of(null, w, eta);
                if (members > 0) {
                    Npy.Array c = Npy.read(ld.resolve("committee.npy"));
                    int d = maps[k].dimension();
                    if (c.rank() != 2 || c.size(0) != members || c.size(1) != d)
                        throw InputException.at(ld.resolve("committee.npy"), "expected shape (" + members + ", " + d + ")");
                    SparseGpr[] ms = new SparseGpr[members];
                    for (int i = 0; i < members; i++) ms[i] = SparseGpr.of(null, java.util.Arrays.copyOfRange(c.data(), i * d, (i + 1) * d), eta);
                    committees[k] = Committee.fromParts(ms, b.get("committee_alpha").asDouble());
                }
            }
            TensorModel tm = TensorModel.fromParts(dec, Map.of(), maps, models, doc.get("baseline_per_atom").asDouble());
            return new SagprModel(target, hypers, potential, tm, members > 0 ? TensorCommittee.fromParts(tm, committees) : null);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw InputException.at(json, "incomplete or inconsistent model: " + e.getMessage());
        }
    }

    /** JSON tree → typed descriptor config (strict like the YAML reader). */
    private static final class Yaml2 {
        static LambdaSoapConfig convert(JsonNode n) {
            return convert(n, LambdaSoapConfig.class);
        }

        static <T> T convert(JsonNode n, Class<T> type) {
            try {
                return JSON.treeToValue(n, type);
            } catch (IOException e) {
                throw new InputException("model descriptor section: " + e.getMessage());
            }
        }
    }

    /** Writes a JSON document atomically (inside a model folder being built, or anywhere). */
    public static void writeJson(Path file, Object doc) {
        org.equidens.io.AtomicFiles.write(file, (OutputStream out) -> out.write(JSON.writeValueAsBytes(doc)));
    }

    /** A config error: "file: key 'k': problem". */
    static InputException badKey(Path file, String key, String problem) {
        return InputException.at(file, "key '" + key + "': " + problem);
    }

    /**
     * The model directory a config's {@code output} names, resolved against the config's folder;
     * refused before any work if it is a file or a non-empty folder that is not a model.
     */
    static Path checkOutput(Path file, Path base, String output) {
        if (output == null || output.isBlank()) throw badKey(file, "output", "missing (the model directory to write)");
        Path dir = base.resolve(output).normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw badKey(file, "output", dir + " exists and is not a directory");
        try {
            org.equidens.io.AtomicFiles.checkFolder(dir);
        } catch (InputException e) {
            throw badKey(file, "output", e.getMessage());
        }
        if (Files.isDirectory(dir) && !isModel(dir) && !isEmptyDirectory(dir))
            throw badKey(file, "output", dir + " exists, is not empty and is not an equidens model directory (refusing to replace it)");
        return dir;
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
