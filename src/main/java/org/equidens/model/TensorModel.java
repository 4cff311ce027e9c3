package org.equidens.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equidens.io.InputException;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SparseSelection.Selection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.properties.CartesianTensors.Decomposition;

/**
 * SA-GPR for Cartesian tensor properties: the target is split into its irreducible spherical parts
 * ({@link Decomposition}: μ → λ=1; α → λ=0 ⊕ λ=2; β → λ=1 ⊕ λ=3; general rank 2 → 0 ⊕ 1 ⊕ 2;
 * symmetric rank n → n, n−2, …), one {@link SparseGpr} is trained per λ on structure-summed λ-kernels,
 * and predictions are assembled back into Cartesian tensors. Each λ model is exactly equivariant,
 * so the Cartesian prediction rotates as the tensor does.
 *
 * <p>Sparse environments: FPS per species on the λ=0 features, kept in FPS order; λ uses the prefix of
 * size min(available, round(M0·exp(−0.05λ²))) when {@code decayWithLambda} (see {@link SparseSelection}),
 * so with M0 ≥ the environments available every λ keeps all of them (the full GPR).
 *
 * <p>λ=0 baseline: the λ=0 component has a non-zero mean (α_L0 = −Tr α/√3 is large and negative)
 * while ridge regression shrinks toward 0, so the training mean is subtracted first and added back to
 * predictions. It is taken per atom (Σ y / Σ atoms, times the structure's atom count), which for
 * equally sized structures is the plain training mean and for mixed sizes keeps the baseline
 * extensive like the target. λ&gt;0 parts get no baseline: their average over orientations is zero,
 * and a constant would break equivariance.
 */
public final class TensorModel {
    /**
     * @param zeta              kernel exponent ζ ≥ 1
     * @param sparsePerSpecies  M0, sparse environments per species (capped at the atoms available)
     * @param eta               ridge parameter η (absolute, see {@link NormalEquations})
     * @param relativeCutoff    RKHS eigenvalue cutoff relative to the largest eigenvalue of K_MM
     * @param start             first FPS point
     * @param decayWithLambda   use M_λ = round(M0·exp(−0.05λ²)) instead of M0 for every λ
     */
    public record Options(double zeta, int sparsePerSpecies, double eta, double relativeCutoff,
                          SparseSelection.Start start, boolean decayWithLambda) {
        public static Options defaults() {
            return new Options(2.0, 100, 1e-8, 1e-10, SparseSelection.Start.seeded(0), true);
        }

        public Options withEta(double newEta) {
            return new Options(zeta, sparsePerSpecies, newEta, relativeCutoff, start, decayWithLambda);
        }

        public Options withSparse(int m0) {
            return new Options(zeta, m0, eta, relativeCutoff, start, decayWithLambda);
        }
    }

    private final Decomposition decomposition;
    private final Map<Integer, Selection> sparse;
    private final RkhsFeatureMap[] maps;
    private final SparseGpr[] models;
    private final double baselinePerAtom;
    private final CrossValidation.Result[] curves;

    private TensorModel(Decomposition decomposition, Map<Integer, Selection> sparse, RkhsFeatureMap[] maps, SparseGpr[] models,
                        double baselinePerAtom, CrossValidation.Result[] curves) {
        this.decomposition = decomposition;
        this.sparse = sparse;
        this.maps = maps;
        this.models = models;
        this.baselinePerAtom = baselinePerAtom;
        this.curves = curves;
    }

    /**
     * Trains with {@code options.eta()} for every λ.
     *
     * @param cartesian one tensor per structure, row-major 3^rank entries each
     */
    public static TensorModel train(Decomposition decomposition, FeatureSet data, double[] cartesian, Options options) {
        return train(decomposition, data, cartesian, options, null);
    }

    /**
     * Picks η separately for every λ by k-fold cross-validation over {@code etaGrid} (folds are whole
     * structures, seeded), then trains each λ with its choice; {@link #crossValidation(int)} returns the
     * curves. The sparse set, projectors and λ=0 baseline come from all of {@code data}, so the
     * validation folds are not fully unseen (as in SALTED); the bias is small next to the choice of η
     * on a log grid.
     */
    public static TensorModel trainWithCrossValidation(Decomposition decomposition, FeatureSet data, double[] cartesian, Options options,
                                                       double[] etaGrid, int folds, long seed) {
        return train(decomposition, data, cartesian, options, new CvSpec(etaGrid, folds, seed));
    }

    /**
     * Trains on a sparse selection made by the caller (FPS, CUR or random, per species, in pick order
     * so that prefixes are the per-λ sets); {@code etaGrid} null = fixed {@code options.eta()}, else
     * k-fold cross-validation as in {@link #trainWithCrossValidation}.
     */
    public static TensorModel train(Decomposition decomposition, FeatureSet data, double[] cartesian, Options options,
                                    Map<Integer, Selection> sparse, double[] etaGrid, int folds, long seed) {
        return train(decomposition, data, cartesian, options, etaGrid == null ? null : new CvSpec(etaGrid, folds, seed), sparse);
    }

    private record CvSpec(double[] grid, int folds, long seed) {}

    private static TensorModel train(Decomposition decomposition, FeatureSet data, double[] cartesian, Options options, CvSpec cv) {
        return train(decomposition, data, cartesian, options, cv, null);
    }

    private static TensorModel train(Decomposition decomposition, FeatureSet data, double[] cartesian, Options options, CvSpec cv,
                                     Map<Integer, Selection> given) {
        int s = data.structures();
        checkTargets(decomposition, s, cartesian);
        SphericalKernel kernel = new SphericalKernel(options.zeta());
        Map<Integer, Selection> fps = given != null ? given
                : SparseSelection.farthestPointPerSpecies(data.block(0), data.species(), options.sparsePerSpecies(), options.start());
        int[] lambdas = decomposition.lambdas();
        RkhsFeatureMap[] maps = new RkhsFeatureMap[lambdas.length];
        double[][] psi = new double[lambdas.length][];
        for (int k = 0; k < lambdas.length; k++) {
            maps[k] = RkhsFeatureMap.build(data, lambdas[k], sparsePrefixes(fps, lambdas[k], options), kernel, options.relativeCutoff());
            psi[k] = maps[k].structurePsi(data);
        }
        return fit(decomposition, fps, maps, psi, atomCounts(data), cartesian, options, cv);
    }

    /**
     * Per species the FPS prefix a block of this λ uses: M_λ from M0, capped at the environments
     * available, so with M0 ≥ N every λ keeps all of them (the full GPR) instead of shrinking an
     * already exhausted set.
     */
    public static Map<Integer, int[]> sparsePrefixes(Map<Integer, Selection> selection, int lambda, Options options) {
        Map<Integer, int[]> chosen = new LinkedHashMap<>();
        for (Map.Entry<Integer, Selection> e : selection.entrySet()) {
            int m = options.decayWithLambda()
                    ? Math.min(e.getValue().size(), SparseSelection.sizeForLambda(options.sparsePerSpecies(), lambda)) : e.getValue().size();
            chosen.put(e.getKey(), e.getValue().prefix(m).indices());
        }
        return chosen;
    }

    /** Centres per structure. */
    public static int[] atomCounts(FeatureSet data) {
        int[] n = new int[data.structures()];
        for (int s = 0; s < n.length; s++) n[s] = data.atomsIn(s);
        return n;
    }

    /**
     * Trains on design rows that were computed elsewhere (the streaming path: features of a few
     * structures at a time, never all of them): {@code psi[k]} holds the structure-summed Ψ of block k
     * for the training structures, (structures·(2λ+1)) × maps[k].dimension(), built with {@code maps}.
     * {@code etaGrid} null = fixed {@code options.eta()}, else k-fold cross-validation per λ. Given
     * the same Ψ, this is exactly what {@link #train} does after its feature maps.
     *
     * @param atoms centres per training structure (for the per-atom λ=0 baseline)
     */
    public static TensorModel fit(Decomposition decomposition, Map<Integer, Selection> sparse, RkhsFeatureMap[] maps, double[][] psi,
                                  int[] atoms, double[] cartesian, Options options, double[] etaGrid, int folds, long seed) {
        return fit(decomposition, sparse, maps, psi, atoms, cartesian, options, etaGrid == null ? null : new CvSpec(etaGrid, folds, seed));
    }

    private static void checkTargets(Decomposition decomposition, int s, double[] cartesian) {
        if (cartesian.length != (long) s * decomposition.cartesianSize())
            throw new InputException("expected " + s + " tensors of " + decomposition.cartesianSize() + " entries, got " + cartesian.length + " values");
        for (double v : cartesian) if (!Double.isFinite(v)) throw new InputException("non-finite target value");
    }

    private static TensorModel fit(Decomposition decomposition, Map<Integer, Selection> sparse, RkhsFeatureMap[] maps, double[][] psi,
                                   int[] atoms, double[] cartesian, Options options, CvSpec cv) {
        int s = atoms.length;
        checkTargets(decomposition, s, cartesian);
        int[] lambdas = decomposition.lambdas();
        if (maps.length != lambdas.length || psi.length != lambdas.length) throw new IllegalArgumentException("one feature map and Ψ per λ block");
        double[] spherical = decomposition.toSpherical(cartesian, s);
        long totalAtoms = 0;
        for (int a : atoms) totalAtoms += a;
        SparseGpr[] models = new SparseGpr[lambdas.length];
        CrossValidation.Result[] curves = new CrossValidation.Result[lambdas.length];
        double baseline = 0;
        for (int k = 0; k < lambdas.length; k++) {
            int lambda = lambdas[k];
            if (maps[k].lambda() != lambda) throw new IllegalArgumentException("block " + k + ": map of λ=" + maps[k].lambda() + ", expected " + lambda);
            double[] y = decomposition.block(spherical, s, k);
            if (psi[k].length != (long) y.length * maps[k].dimension()) throw new IllegalArgumentException("λ=" + lambda + ": Ψ must be rows×" + maps[k].dimension());
            if (lambda == 0) {
                double sum = 0;
                for (double v : y) sum += v;
                baseline = totalAtoms == 0 ? 0 : sum / totalAtoms;
                for (int st = 0; st < s; st++) y[st] -= baseline * atoms[st];
            }
            double eta = options.eta();
            if (cv != null) {
                int c = 2 * lambda + 1;
                curves[k] = CrossValidation.eta(psi[k], y.length, maps[k].dimension(), y, CrossValidation.uniformGroups(y.length, c), cv.folds(), cv.grid(), cv.seed());
                eta = curves[k].bestEta();
            }
            models[k] = SparseGpr.fit(null, psi[k], y.length, y, eta);
        }
        return new TensorModel(decomposition, sparse, maps, models, baseline, curves);
    }

    /**
     * A model from saved parts (read back from disk): per block the feature map and the Ψ-space
     * regression, the λ=0 baseline per atom, and the sparse selection (may be empty).
     */
    public static TensorModel fromParts(Decomposition decomposition, Map<Integer, Selection> sparse, RkhsFeatureMap[] maps,
                                        SparseGpr[] models, double baselinePerAtom) {
        int[] lambdas = decomposition.lambdas();
        if (maps.length != lambdas.length || models.length != lambdas.length) throw new IllegalArgumentException("one map and model per λ block");
        for (int k = 0; k < lambdas.length; k++) {
            if (maps[k].lambda() != lambdas[k]) throw new InputException("block " + k + " has λ=" + maps[k].lambda() + ", expected " + lambdas[k]);
            if (models[k].weights().length != maps[k].dimension()) throw new InputException("λ=" + lambdas[k] + ": weights do not match the feature map");
        }
        return new TensorModel(decomposition, sparse, maps, models, baselinePerAtom, new CrossValidation.Result[lambdas.length]);
    }

    /** Spherical predictions, structures × sphericalSize (blocks in ascending λ). */
    public double[] predictSpherical(FeatureSet data) {
        double[][] psi = new double[maps.length][];
        for (int k = 0; k < maps.length; k++) psi[k] = maps[k].structurePsi(data);
        return predictSpherical(psi, atomCounts(data));
    }

    /** Spherical predictions from structure Ψ rows per block (made with this model's feature maps). */
    public double[] predictSpherical(double[][] psi, int[] atoms) {
        int s = atoms.length, m = decomposition.sphericalSize();
        double[] out = new double[s * m];
        int[] lambdas = decomposition.lambdas();
        for (int k = 0; k < lambdas.length; k++) {
            int c = 2 * lambdas[k] + 1, off = decomposition.offset(k);
            double[] y = models[k].predict(psi[k], s * c);
            for (int st = 0; st < s; st++) {
                for (int mu = 0; mu < c; mu++) out[st * m + off + mu] = y[st * c + mu];
                if (lambdas[k] == 0) out[st * m + off] += baselinePerAtom * atoms[st];
            }
        }
        return out;
    }

    /** Cartesian predictions, structures × 3^rank. */
    public double[] predict(FeatureSet data) {
        return decomposition.toCartesian(predictSpherical(data), data.structures());
    }

    public Decomposition decomposition() {
        return decomposition;
    }

    /** The full FPS selection per species (FPS order, before per-λ truncation). */
    public Map<Integer, Selection> sparseSelection() {
        return sparse;
    }

    /** The feature map of block k (ascending λ as in the decomposition). */
    public RkhsFeatureMap featureMap(int block) {
        return maps[block];
    }

    public SparseGpr regression(int block) {
        return models[block];
    }

    /** The CV curve of block k, or null if the model was trained with a fixed η. */
    public CrossValidation.Result crossValidation(int block) {
        return curves[block];
    }

    /** λ=0 baseline per atom (0 if the decomposition has no λ=0). */
    public double baselinePerAtom() {
        return baselinePerAtom;
    }
}
