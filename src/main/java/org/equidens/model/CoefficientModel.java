package org.equidens.model;

import org.equidens.util.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.basis.Shell;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SphericalKernel;
import org.equidens.kernel.VectorFieldKernel.Features;
import org.equidens.linalg.Blas;
import org.equidens.structure.Atoms;
import org.equidens.structure.Elements;
import org.equidens.util.Threads;

/**
 * A trained SALTED-style coefficient model: per species s, per λ of the auxiliary basis and per
 * radial function n, c_{i,nλ·} = Σ_{j ∈ M_sλ} K(i,j) C_{j,·n} (+ the species baseline for λ=0), with
 * K the density kernel or the λ⊗1 kernel ({@link CoefficientFeatures}). The shared engine of
 * {@link DensityModel}, {@link ResponseModel} and {@link SalterModel}.
 *
 * <p><b>Why it stores B_j = Φ_jᵀ C_j.</b> K(i,j) = Φ_iΦ_jᵀ·f(k0(i,j)) with a scalar f, so
 * c_i = Φ_i·Σ_j f(k0(i,j)) B_j: one gemv over the sparse set and one small gemm per atom, instead of
 * the (rows × F) × (F × M·rows) kernel product (≈1 GFlop per water oxygen at λ=3 for the response).
 * Prediction is then dominated by the λ-SOAP itself.
 *
 * <p>Output rows: {@code outputs()} rows of the structure's coefficient count, internal m order;
 * density: 1 row; response and SALTER: 3 rows (field x, y, z).
 */
public final class CoefficientModel {
    /** Per species: its basis layout and, per λ, the sparse scalar features and B per output. */
    static final class SpeciesPart {
        final int z;
        final String symbol;
        final int lmax;
        final int[] nmax;          // per λ
        final int[][] rel;         // [λ][n] offset of the shell's m=−λ function within the atom
        final int atomSize;
        EquivariantFeatures scalar; // normalised λ=0 features of the sparse set (M_0 rows, FPS order)
        int[] sparseCount;          // M_λ
        double[][][] b;             // [output][λ] (M_λ, F_λ, nmax_λ)
        int[] features;             // F_λ
        double[] baseline;          // per n of λ=0 (density), or null

        SpeciesPart(int z, BasisSet basis) {
            this.z = z;
            this.symbol = Elements.symbol(z);
            List<Shell> shells = basis.shells(symbol);
            int l = 0;
            for (Shell s : shells) l = Math.max(l, s.l());
            lmax = l;
            nmax = new int[lmax + 1];
            for (Shell s : shells) nmax[s.l()]++;
            rel = new int[lmax + 1][];
            for (int lam = 0; lam <= lmax; lam++) rel[lam] = new int[nmax[lam]];
            int[] fill = new int[lmax + 1];
            int off = 0;
            for (Shell s : shells) {
                rel[s.l()][fill[s.l()]++] = off;
                off += s.size();
            }
            atomSize = off;
        }
    }

    private final CoefficientFeatures.Kind kind;
    private final int outputs;
    private CoefficientOptions options;
    /** (η, held-out % RMSE) of the cross-validation that chose η, or empty. */
    private java.util.List<double[]> etaCrossValidation = java.util.List.of();
    private final BasisSet basis;
    private final TreeMap<Integer, SpeciesPart> species;
    private final CoefficientFeatures featurizer;
    private final SphericalKernel zeta;

    CoefficientModel(CoefficientFeatures.Kind kind, int outputs, CoefficientOptions options, BasisSet basis, TreeMap<Integer, SpeciesPart> species) {
        this.kind = kind;
        this.outputs = outputs;
        this.options = options;
        this.basis = basis;
        this.species = species;
        int lmax = 0;
        for (SpeciesPart p : species.values()) lmax = Math.max(lmax, p.lmax);
        this.featurizer = new CoefficientFeatures(options.descriptor(), kind, lmax);
        this.zeta = new SphericalKernel(options.zeta());
    }

    public CoefficientFeatures.Kind kind() {
        return kind;
    }

    /** Weight sets: 1 (density, response) or 3 (SALTER: one density model per field direction). */
    public int weightSets() {
        return outputs;
    }

    /** Rows of a prediction: 1 for the density, 3 (x, y, z) for response and SALTER. */
    public int outputs() {
        return kind == CoefficientFeatures.Kind.RESPONSE ? 3 : outputs;
    }

    public CoefficientOptions options() {
        return options;
    }

    /** Training chose η by cross-validation: the options now carry it, the table is kept for reports. */
    void etaChosen(double eta, java.util.List<double[]> table) {
        options = options.withEta(eta);
        etaCrossValidation = java.util.List.copyOf(table);
    }

    /** Rows (η, held-out % RMSE) of the cross-validation that chose η; empty if η was given. */
    public java.util.List<double[]> etaCrossValidation() {
        return etaCrossValidation;
    }

    public BasisSet basis() {
        return basis;
    }

    /** Trained elements, ascending Z. */
    public List<String> elements() {
        List<String> out = new ArrayList<>();
        for (SpeciesPart p : species.values()) out.add(p.symbol);
        return out;
    }

    SpeciesPart part(int z) {
        return species.get(z);
    }

    Map<Integer, SpeciesPart> parts() {
        return species;
    }

    /** Features of one structure (for timing and reuse). */
    public CoefficientFeatures.Structure features(Atoms a) {
        return featurizer.compute(a);
    }

    CoefficientFeatures featurizer() {
        return featurizer;
    }

    /** Number of sparse environments used for species (symbol) at λ. */
    public int sparseCount(String element, int lambda) {
        SpeciesPart p = species.get(Elements.atomicNumber(element));
        if (p == null) throw new InputException("no species " + element + " in the model");
        return p.sparseCount[lambda];
    }

    /** Throws an {@link InputException} if the structure has an element the model was not trained on. */
    public void checkSpecies(Atoms atoms, String what) {
        for (int i = 0; i < atoms.size(); i++) {
            if (!species.containsKey(atoms.atomicNumber(i)))
                throw new InputException(what + ": element " + atoms.symbol(i) + " (atom " + i + ") is not a species of the model "
                        + elements() + "; it cannot be predicted");
        }
    }

    /** Prediction for one structure: outputs() × ncoef, internal m order. */
    public double[] predict(Atoms atoms) {
        return predict(List.of(atoms)).get(0);
    }

    /** Structures per prediction batch: bounds the memory of full features. */
    private static final int BATCH = 64;
    /**
     * Structures with more atoms are predicted a chunk of centres at a time from one spherical
     * expansion: response features are ≈ 4 MB per atom (λ ≤ 7, both parities), so a whole
     * thousand-atom structure would need gigabytes; a chunk needs about 0.5 GB.
     */
    static int centreChunk = 128;

    /**
     * Predictions for many structures: features in parallel over structures, then per (species, λ)
     * one gemm of the atoms' ζ factors against the stacked B_j (so B is read once per batch), and a
     * small gemm per atom.
     */
    public List<double[]> predict(List<Atoms> structures) {
        for (int s = 0; s < structures.size(); s++) checkSpecies(structures.get(s), "structure " + s);
        double[][] out = new double[structures.size()][];
        List<Integer> small = new ArrayList<>(), large = new ArrayList<>();
        for (int s = 0; s < structures.size(); s++) (structures.get(s).size() > centreChunk ? large : small).add(s);
        try (Progress.Task bar = Progress.task("prediction", structures.size())) {
            for (int start = 0; start < small.size(); start += BATCH) {
                int end = Math.min(small.size(), start + BATCH), s0 = start;
                CoefficientFeatures.Structure[] f = new CoefficientFeatures.Structure[end - start];
                List<Atoms> batch = new ArrayList<>();
                for (int t = start; t < end; t++) batch.add(structures.get(small.get(t)));
                // OpenBLAS held to one thread while the features' small gemms run on every core
                Threads.parallelFor(s0, end, t -> f[t - s0] = featurizer.compute(structures.get(small.get(t)), small.get(t)));
                double[][] part = predict(batch, f, new int[batch.size()], new double[batch.size()][]);
                for (int t = start; t < end; t++) out[small.get(t)] = part[t - start];
                bar.step(end - start);
            }
            for (int s : large) {
                Atoms atoms = structures.get(s);
                org.equidens.descriptor.Expansion e;
                try {
                    e = featurizer.expansion(atoms);
                } catch (InputException x) {
                    throw new InputException("structure " + s + ": " + x.getMessage(), x);
                }
                double[][] whole = new double[1][]; // every chunk writes its atoms' coefficients into it
                for (int from = 0; from < atoms.size(); from += centreChunk) {
                    CoefficientFeatures.Structure f = featurizer.compute(e.centres(from, Math.min(atoms.size(), from + centreChunk)));
                    predict(List.of(atoms), new CoefficientFeatures.Structure[] {f}, new int[] {from}, whole);
                }
                out[s] = whole[0];
                bar.step(1);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Writes into out[s] (allocated here if null) the coefficients of the atoms whose features are
     * given: f[s] holds atoms firstAtom[s] .. firstAtom[s] + f[s].atoms() − 1 of structure s; the other
     * atoms' entries are left as they are. Returns out.
     */
    double[][] predict(List<Atoms> structures, CoefficientFeatures.Structure[] f, int[] firstAtom, double[][] out) {
        int ns = structures.size(), rowsOut = outputs(), dirs = kind.directions();
        int[][] atomOff = new int[ns][];
        int[] ncoef = new int[ns];
        for (int s = 0; s < ns; s++) {
            Atoms atoms = structures.get(s);
            atomOff[s] = new int[atoms.size()];
            for (int i = 0; i < atoms.size(); i++) {
                atomOff[s][i] = ncoef[s];
                ncoef[s] += species.get(atoms.atomicNumber(i)).atomSize;
            }
            if (out[s] == null) out[s] = new double[rowsOut * ncoef[s]];
        }
        for (SpeciesPart p : species.values()) {
            // members: (structure, atom, row of the atom in f[structure])
            List<int[]> members = new ArrayList<>();
            for (int s = 0; s < ns; s++)
                for (int i = firstAtom[s]; i < firstAtom[s] + f[s].atoms(); i++)
                    if (structures.get(s).atomicNumber(i) == p.z) members.add(new int[] {s, i, i - firstAtom[s]});
            int a = members.size();
            if (a == 0) continue;
            int f0 = p.scalar.features(), m0 = p.scalar.samples();
            double[] x0 = new double[a * f0];
            for (int t = 0; t < a; t++) {
                int[] st = members.get(t);
                System.arraycopy(f[st[0]].scalar().data(), st[2] * f0, x0, t * f0, f0);
            }
            double[] k0 = new double[a * m0];
            Blas.gemm(false, true, a, m0, f0, 1.0, x0, p.scalar.data(), 0.0, k0);
            for (int q = 0; q < k0.length; q++) k0[q] = zeta.factor(k0[q]);
            for (int lam = 0; lam <= p.lmax; lam++) {
                int nm = p.nmax[lam];
                if (nm == 0) continue;
                int m = p.sparseCount[lam], nf = p.features[lam];
                double[] fac = new double[a * m];
                for (int t = 0; t < a; t++) System.arraycopy(k0, t * m0, fac, t * m, m);
                int lamF = lam;
                for (int o = 0; o < outputs; o++) {
                    double[] acc = new double[a * nf * nm];
                    Blas.gemm(false, false, a, nf * nm, m, 1.0, fac, p.b[o][lam], 0.0, acc);
                    int oo = o;
                    Threads.parallelFor(0, a, t -> {
                        int[] st = members.get(t);
                        Features phi = f[st[0]].blocks()[lamF];
                        int rows = phi.rows();
                        double[] phiI = Arrays.copyOfRange(phi.data(), st[2] * rows * nf, (st[2] + 1) * rows * nf);
                        double[] accT = Arrays.copyOfRange(acc, t * nf * nm, (t + 1) * nf * nm);
                        double[] c = new double[rows * nm];
                        Blas.gemm(false, false, rows, nm, nf, 1.0, phiI, accT, 0.0, c);
                        double[] dst = out[st[0]];
                        int nc = ncoef[st[0]], base = atomOff[st[0]][st[1]];
                        for (int mu = 0; mu < 2 * lamF + 1; mu++)
                            for (int d = 0; d < dirs; d++) {
                                int row = dirs == 3 ? d : oo;
                                for (int n = 0; n < nm; n++) dst[row * nc + base + p.rel[lamF][n] + mu] += c[(mu * dirs + d) * nm + n];
                            }
                    });
                }
            }
            if (p.baseline != null)
                for (int[] st : members)
                    for (int o = 0; o < rowsOut; o++)
                        for (int n = 0; n < p.nmax[0]; n++) out[st[0]][o * ncoef[st[0]] + atomOff[st[0]][st[1]] + p.rel[0][n]] += p.baseline[n];
        }
        return out;
    }

    /** The species baseline as a coefficient vector (outputs() rows; zero without a baseline). */
    public double[] baselineVector(Atoms atoms) {
        checkSpecies(atoms, "structure");
        int nc = 0;
        for (int i = 0; i < atoms.size(); i++) nc += species.get(atoms.atomicNumber(i)).atomSize;
        double[] out = new double[outputs() * nc];
        int off = 0;
        for (int i = 0; i < atoms.size(); i++) {
            SpeciesPart p = species.get(atoms.atomicNumber(i));
            if (p.baseline != null)
                for (int o = 0; o < outputs(); o++)
                    for (int n = 0; n < p.nmax[0]; n++) out[o * nc + off + p.rel[0][n]] = p.baseline[n];
            off += p.atomSize;
        }
        return out;
    }

    /** The coefficient count of a structure under this model's basis (its species only). */
    public int coefficientCount(Atoms atoms) {
        checkSpecies(atoms, "structure");
        return new BasisFunctions(basis, atoms).size();
    }
}
