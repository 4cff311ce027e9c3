package org.equidens.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.basis.GbsParser;
import org.equidens.basis.MOrder;
import org.equidens.structure.Atoms;

/**
 * A training or reference dataset: a folder with {@code dataset.yaml} naming the structures, the
 * auxiliary basis and the m-order convention of the coefficient arrays, and the target arrays.
 *
 * <p>Target kinds: {@code density} arrays have shape (structures, coefficients); {@code response}
 * arrays have shape (structures, 3, coefficients), axis 1 being the field direction x, y, z. All
 * structures must then have the same number of coefficients, and that number must equal what the
 * basis gives for each structure: this is checked on load, before any work.
 *
 * <p>Arrays on disk are in the dataset's m order; {@link #coefficients} returns them in equidens'
 * internal order (m = −l..l), so the rest of the code never sees a QM code's convention.
 */
public final class Dataset {
    public static final String FILE_NAME = "dataset.yaml";
    public static final int FORMAT = 1;
    /** Known target kinds and the rank of their arrays. */
    public static final Map<String, Integer> TARGET_RANKS = Map.of("density", 2, "response", 3);

    /** The YAML document, as written by the user. */
    public record Spec(
            @JsonProperty(value = "format", required = true) Integer format,
            @JsonProperty("name") String name,
            @JsonProperty(value = "structures", required = true) String structures,
            @JsonProperty(value = "basis", required = true) BasisSpec basis,
            @JsonProperty("targets") Map<String, TargetSpec> targets,
            @JsonProperty("reference_properties") Map<String, String> referenceProperties) {}

    public record BasisSpec(
            @JsonProperty(value = "file", required = true) String file,
            @JsonProperty("m_order") String mOrder) {}

    public record TargetSpec(@JsonProperty(value = "file", required = true) String file) {}

    /** One target array: its name (kind), file and shape as stored. */
    public record Target(String name, Path file, int[] shape) {}

    private final Path root;
    private final Path yaml;
    private final Spec spec;
    private final List<Atoms> structures;
    private final BasisSet basis;
    private final MOrder mOrder;
    private final Map<String, Target> targets;

    private Dataset(Path root, Path yaml, Spec spec, List<Atoms> structures, BasisSet basis, MOrder mOrder,
                    Map<String, Target> targets) {
        this.root = root;
        this.yaml = yaml;
        this.spec = spec;
        this.structures = structures;
        this.basis = basis;
        this.mOrder = mOrder;
        this.targets = targets;
    }

    /** True if the path is a dataset folder or a dataset.yaml file. */
    public static boolean isDataset(Path path) {
        return Files.isDirectory(path) ? Files.isRegularFile(path.resolve(FILE_NAME))
                : path.getFileName() != null && path.getFileName().toString().endsWith(".yaml");
    }

    /**
     * Loads and checks a dataset (folder or its yaml file): structures parsed, basis parsed, every
     * structure's elements present in the basis, target shapes consistent. Target values are read
     * lazily by {@link #coefficients}.
     */
    public static Dataset load(Path path) {
        Path yaml = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        Path root = yaml.toAbsolutePath().getParent();
        Spec spec = Yaml.read(yaml, Spec.class);
        if (spec.format() != FORMAT) {
            throw InputException.at(yaml, "format " + spec.format() + " is not supported (this equidens reads format " + FORMAT + ")");
        }
        Path structuresFile = existing(yaml, root, spec.structures(), "structures");
        List<Atoms> structures = StructureIO.readAll(structuresFile);
        if (structures.isEmpty()) throw InputException.at(structuresFile, "no structures");
        Path basisFile = existing(yaml, root, spec.basis().file(), "basis.file");
        BasisSet basis = GbsParser.parse(basisFile);
        MOrder order;
        try {
            order = spec.basis().mOrder() == null ? MOrder.INTERNAL : MOrder.byName(spec.basis().mOrder());
        } catch (IllegalArgumentException e) {
            throw InputException.at(yaml, "basis.m_order: " + e.getMessage());
        }
        for (int s = 0; s < structures.size(); s++) {
            for (String el : structures.get(s).species()) {
                if (!basis.has(el)) {
                    throw InputException.at(basisFile, "no basis functions for element " + el
                            + " (needed by structure " + s + " of " + structuresFile.getFileName() + ")");
                }
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        if (spec.targets() != null) {
            for (Map.Entry<String, TargetSpec> e : spec.targets().entrySet()) {
                String name = e.getKey();
                Integer rank = TARGET_RANKS.get(name);
                if (rank == null) {
                    throw InputException.at(yaml, "targets: unknown target '" + name + "' (known: " + new TreeMap<>(TARGET_RANKS).keySet() + ")");
                }
                Path file = existing(yaml, root, e.getValue().file(), "targets." + name + ".file");
                int[] shape = Npy.shape(file);
                checkTargetShape(file, name, rank, shape, structures, basis);
                targets.put(name, new Target(name, file, shape));
            }
        }
        return new Dataset(root, yaml, spec, List.copyOf(structures), basis, order, targets);
    }

    private static void checkTargetShape(Path file, String name, int rank, int[] shape, List<Atoms> structures, BasisSet basis) {
        String expected = rank == 2 ? "(structures, coefficients)" : "(structures, 3, coefficients)";
        if (shape.length != rank || (rank == 3 && shape[1] != 3)) {
            throw InputException.at(file, name + " array has shape " + Arrays.toString(shape) + ", expected " + expected);
        }
        if (shape[0] != structures.size()) {
            throw InputException.at(file, name + " array has " + shape[0] + " structures, the dataset has " + structures.size());
        }
        int ncoef = shape[rank - 1];
        for (int s = 0; s < structures.size(); s++) {
            int expectedCount = functionCount(basis, structures.get(s));
            if (expectedCount != ncoef) {
                throw InputException.at(file, name + " array has " + ncoef + " coefficients per structure, but the basis gives "
                        + expectedCount + " for structure " + s);
            }
        }
    }

    /** Number of basis functions of a structure. */
    public static int functionCount(BasisSet basis, Atoms atoms) {
        int n = 0;
        for (int i = 0; i < atoms.size(); i++) n += basis.functionCount(atoms.symbol(i));
        return n;
    }

    private static Path existing(Path yaml, Path root, String relative, String key) {
        if (relative == null || relative.isBlank()) throw InputException.at(yaml, key + ": missing");
        Path p = root.resolve(relative).normalize();
        if (Files.isDirectory(p)) throw InputException.at(yaml, key + ": " + p + " is a folder, not a file");
        if (!Files.isRegularFile(p)) throw InputException.at(yaml, key + ": file not found: " + p);
        return p;
    }

    public Path root() {
        return root;
    }

    public Path yaml() {
        return yaml;
    }

    public String name() {
        return spec.name() != null ? spec.name() : root.getFileName().toString();
    }

    /** The structure file (for fingerprints of the data a run used). */
    public Path structuresFile() {
        return root.resolve(spec.structures()).normalize();
    }

    public List<Atoms> structures() {
        return structures;
    }

    public int size() {
        return structures.size();
    }

    public BasisSet basis() {
        return basis;
    }

    public MOrder mOrder() {
        return mOrder;
    }

    public Map<String, Target> targets() {
        return targets;
    }

    public boolean hasTarget(String name) {
        return targets.containsKey(name);
    }

    /** The name of the info key holding a reference property (e.g. alpha), or null. */
    public String referenceProperty(String property) {
        return spec.referenceProperties() == null ? null : spec.referenceProperties().get(property);
    }

    /** Auxiliary basis functions of structure s (positions converted to bohr). */
    public BasisFunctions basisFunctions(int s) {
        return new BasisFunctions(basis, structures.get(s));
    }

    /**
     * All coefficients of a target in equidens' internal m order: for {@code density} one row of
     * ncoef per structure, for {@code response} three rows (x, y, z) per structure.
     */
    public Npy.Array coefficients(String target) {
        Target t = targets.get(target);
        if (t == null) throw InputException.at(yaml, "no target '" + target + "' in this dataset");
        Npy.Array a = Npy.read(t.file());
        if (!Arrays.equals(a.shape(), t.shape())) throw InputException.at(t.file(), "file changed while reading");
        if (mOrder == MOrder.INTERNAL) return a;
        int ncoef = t.shape()[t.shape().length - 1];
        int rows = a.data().length / ncoef / structures.size();
        double[] out = new double[a.data().length];
        for (int s = 0; s < structures.size(); s++) {
            BasisFunctions bf = basisFunctions(s);
            int off = s * rows * ncoef;
            double[] block = Arrays.copyOfRange(a.data(), off, off + rows * ncoef);
            System.arraycopy(mOrder.toInternal(bf, block), 0, out, off, rows * ncoef);
        }
        return new Npy.Array(out, t.shape());
    }
}
