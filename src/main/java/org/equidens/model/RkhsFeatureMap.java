package org.equidens.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.util.Threads;

/**
 * Maps atoms (or structures) to RKHS design rows for one λ: per species a, the atom's kernel
 * against a's sparse environments K^λ(i, M_a) times that species' projector V_a, placed in a's
 * column range. Different species never share kernel columns (SA-GPR/SALTED: only same-species
 * environments are compared). A structure's rows are the sums of its atoms' rows, because a
 * structure tensor is a sum of atomic contributions and Ψ is linear in the kernel.
 */
public final class RkhsFeatureMap {
    /** Atoms per kernel block: bounds memory at (chunk·(2λ+1)) × (M·(2λ+1)) doubles. */
    private static final int CHUNK = 256;

    private final int lambda;
    private final SphericalKernel kernel;
    private final Map<Integer, Sparse> sparse;
    private final int dimension;

    private record Sparse(EquivariantFeatures scalar, EquivariantFeatures tensor, RkhsProjector projector, int column) {}

    private RkhsFeatureMap(int lambda, SphericalKernel kernel, Map<Integer, Sparse> sparse, int dimension) {
        this.lambda = lambda;
        this.kernel = kernel;
        this.sparse = sparse;
        this.dimension = dimension;
    }

    /**
     * @param sparseBySpecies for each species, atom indices into {@code train} (FPS order, already
     *                        truncated to M_λ)
     */
    public static RkhsFeatureMap build(FeatureSet train, int lambda, Map<Integer, int[]> sparseBySpecies,
                                       SphericalKernel kernel, double relativeCutoff) {
        EquivariantFeatures f0 = train.block(0), fl = train.block(lambda);
        Map<Integer, EquivariantFeatures> scalar = new TreeMap<>(), tensor = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : sparseBySpecies.entrySet()) {
            int[] idx = e.getValue();
            for (int i : idx)
                if (train.species()[i] != e.getKey()) throw new IllegalArgumentException("sparse atom " + i + " is not of species " + e.getKey());
            scalar.put(e.getKey(), f0.select(idx));
            tensor.put(e.getKey(), fl.select(idx));
        }
        return build(lambda, scalar, tensor, kernel, relativeCutoff);
    }

    /**
     * The map of given sparse environments (raw λ=0 and λ features per species, FPS order, already
     * truncated to M_λ): normalised here, K_MM and its projector per species. This is what the
     * streaming path uses, which never holds the features of all training atoms.
     */
    public static RkhsFeatureMap build(int lambda, Map<Integer, EquivariantFeatures> scalar, Map<Integer, EquivariantFeatures> tensor,
                                       SphericalKernel kernel, double relativeCutoff) {
        Map<Integer, Sparse> out = new LinkedHashMap<>();
        int column = 0;
        for (Map.Entry<Integer, EquivariantFeatures> e : new TreeMap<>(scalar).entrySet()) {
            EquivariantFeatures t = tensor.get(e.getKey());
            if (t == null || t.lambda() != lambda || e.getValue().lambda() != 0 || t.samples() != e.getValue().samples())
                throw new IllegalArgumentException("species " + e.getKey() + ": sparse λ=0 and λ=" + lambda + " features do not match");
            EquivariantFeatures s0 = e.getValue().normalised(), sl = t.normalised();
            double[] kmm = kernel.computeNormalised(s0, sl, s0, sl);
            RkhsProjector p = RkhsProjector.of(kmm, sl.rows(), relativeCutoff);
            out.put(e.getKey(), new Sparse(s0, sl, p, column));
            column += p.rank();
        }
        return new RkhsFeatureMap(lambda, kernel, out, column);
    }

    /**
     * A map from saved parts (a model read back from disk): per species, the normalised λ=0 and λ
     * features of its sparse environments and their projector, in ascending species order.
     */
    public static RkhsFeatureMap fromParts(int lambda, SphericalKernel kernel, Map<Integer, EquivariantFeatures> scalar,
                                           Map<Integer, EquivariantFeatures> tensor, Map<Integer, RkhsProjector> projectors) {
        Map<Integer, Sparse> out = new LinkedHashMap<>();
        int column = 0;
        for (int sp : new TreeMap<>(projectors).keySet()) {
            EquivariantFeatures s0 = scalar.get(sp), sl = tensor.get(sp);
            RkhsProjector p = projectors.get(sp);
            if (s0 == null || sl == null) throw new InputException("species " + sp + ": sparse features missing");
            if (s0.lambda() != 0 || sl.lambda() != lambda || s0.samples() != sl.samples() || p.size() != sl.rows())
                throw new InputException("species " + sp + ": sparse features and projector of λ=" + lambda + " do not match");
            out.put(sp, new Sparse(s0, sl, p, column));
            column += p.rank();
        }
        return new RkhsFeatureMap(lambda, kernel, out, column);
    }

    /** Normalised λ=0 features of one species' sparse environments (shared, do not modify). */
    public EquivariantFeatures sparseScalar(int species) {
        return sparse(species).scalar();
    }

    /** Normalised λ features of one species' sparse environments (shared, do not modify). */
    public EquivariantFeatures sparseTensor(int species) {
        return sparse(species).tensor();
    }

    public SphericalKernel kernel() {
        return kernel;
    }

    private Sparse sparse(int species) {
        Sparse s = sparse.get(species);
        if (s == null) throw new InputException("species " + species + " has no sparse environments");
        return s;
    }

    public int lambda() {
        return lambda;
    }

    /** Total RKHS dimension (columns of Ψ). */
    public int dimension() {
        return dimension;
    }

    /** Species with sparse environments, ascending. */
    public int[] species() {
        return sparse.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The projector of one species. */
    public RkhsProjector projector(int species) {
        Sparse s = sparse.get(species);
        if (s == null) throw new InputException("species " + species + " has no sparse environments");
        return s.projector();
    }

    /** Per-atom design rows: (atoms·(2λ+1)) × D. */
    public double[] atomPsi(FeatureSet data) {
        return psi(data, FeatureSet.perAtomOffsets(data.atoms()));
    }

    /** Structure-summed design rows: (structures·(2λ+1)) × D. */
    public double[] structurePsi(FeatureSet data) {
        return psi(data, data.offsets());
    }

    private double[] psi(FeatureSet data, int[] offsets) {
        int c = 2 * lambda + 1, structures = offsets.length - 1;
        int[] owner = new int[data.atoms()];
        for (int s = 0; s < structures; s++) for (int i = offsets[s]; i < offsets[s + 1]; i++) owner[i] = s;
        double[] out = new double[structures * c * dimension];
        EquivariantFeatures f0 = data.block(0), fl = data.block(lambda);
        TreeMap<Integer, int[]> bySpecies = SparseSelection.groupBySpecies(data.species());
        for (Map.Entry<Integer, int[]> e : bySpecies.entrySet()) {
            Sparse sp = sparse.get(e.getKey());
            if (sp == null) throw new InputException("species " + e.getKey() + " has no sparse environments in this model");
            int d = sp.projector().rank(), p = sp.projector().size();
            int[] atoms = e.getValue();
            // structures of this species (ascending), and each atom's row among them
            int[] slot = new int[structures];
            Arrays.fill(slot, -1);
            int owners = 0;
            for (int i : atoms) if (slot[owner[i]] < 0) slot[owner[i]] = owners++;
            int[] structureOf = new int[owners];
            for (int s = 0; s < structures; s++) if (slot[s] >= 0) structureOf[slot[s]] = s;
            // Σ_i K(i, M) first, then one projection per structure row: with many atoms per structure
            // this is far cheaper than projecting every atom, and memory is (structures·c) × P
            boolean sumFirst = owners < atoms.length;
            double[] summed = sumFirst ? new double[owners * c * p] : null;
            int chunks = (atoms.length + CHUNK - 1) / CHUNK, wave = Math.max(1, Threads.count());
            for (int first = 0; first < chunks; first += wave) {
                int from = first, to = Math.min(chunks, first + wave);
                double[][] blocks = new double[to - from][];
                // kernel (and projection) per chunk in parallel (BLAS inside); the scatter into structure
                // rows is sequential because chunks may share structures
                Threads.parallelFor(from, to, ch -> {
                    int[] chunk = Arrays.copyOfRange(atoms, ch * CHUNK, Math.min(atoms.length, (ch + 1) * CHUNK));
                    EquivariantFeatures x0 = f0.select(chunk).normalised(), xl = fl.select(chunk).normalised();
                    double[] k = kernel.computeNormalised(x0, xl, sp.scalar(), sp.tensor());
                    blocks[ch - from] = sumFirst ? k : sp.projector().project(k, chunk.length * c);
                });
                int width = sumFirst ? p : d;
                for (int ch = from; ch < to; ch++) {
                    double[] b = blocks[ch - from];
                    int base = ch * CHUNK, len = Math.min(atoms.length, (ch + 1) * CHUNK) - base;
                    for (int a = 0; a < len; a++) {
                        int s = owner[atoms[base + a]];
                        for (int mu = 0; mu < c; mu++) {
                            int src = (a * c + mu) * width;
                            if (sumFirst) {
                                int dst = (slot[s] * c + mu) * p;
                                for (int q = 0; q < p; q++) summed[dst + q] += b[src + q];
                            } else {
                                int dst = (s * c + mu) * dimension + sp.column();
                                for (int q = 0; q < d; q++) out[dst + q] += b[src + q];
                            }
                        }
                    }
                }
            }
            if (sumFirst) {
                double[] proj = sp.projector().project(summed, owners * c);
                for (int t = 0; t < owners; t++)
                    for (int mu = 0; mu < c; mu++)
                        System.arraycopy(proj, (t * c + mu) * d, out, (structureOf[t] * c + mu) * dimension + sp.column(), d);
            }
        }
        return out;
    }
}
