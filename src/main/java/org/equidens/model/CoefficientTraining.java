package org.equidens.model;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.basis.Integrals;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.kernel.VectorFieldKernel;
import org.equidens.kernel.VectorFieldKernel.Features;
import org.equidens.linalg.Blas;
import org.equidens.structure.Atoms;
import org.equidens.util.Progress;
import org.equidens.util.Threads;

/**
 * Training of {@link CoefficientModel}s (SALTED's workflow, §1.2 of the research notes):
 * <ol>
 *   <li>normalised λ=0 λ-SOAP of every training atom → FPS per species, kept in FPS order;</li>
 *   <li>features of the sparse environments; per (species, λ) K_MM on the first M_λ of them and the
 *       RKHS projector V (eigenvalue cutoff relative to the largest eigenvalue);</li>
 *   <li>design rows Ψ_i = K(i, M_sλ)·V per training atom, stacked per (species, λ) block;</li>
 *   <li>the weights W_{sλ} (D × n_max, one column per radial function n) minimising
 *       (1/N)Σ_k Σ_d (X_{kd}w − c_{kd})ᵀ S_k (X_{kd}w − c_{kd}) + η‖w‖², S_k the overlap matrix of the
 *       structure's auxiliary functions, d the field directions sharing one weight vector (response);</li>
 *   <li>C = V·W on the sparse kernel columns and B_j = Φ_jᵀ C_j for fast prediction.</li>
 * </ol>
 * Solvers: the normal equations assembled exactly from the sparse design ({@link Problem#assembleHessian})
 * and factorised by native Cholesky when the number of weights is at most
 * {@link CoefficientOptions#directMaxDimension()} and the dense Hessian fits in the heap; the factor is
 * then the preconditioner of PCG against the matrix-free operator, which checks (and if needed refines)
 * the solution in one step. Otherwise preconditioned CG with matrix-free products
 * (per block: P = Ψ·W by one gemm, per structure S_k·P, then Ψᵀ(S P) by one gemm). The
 * preconditioner is block-Jacobi over (species, λ) blocks, each block being the exact Hessian of the
 * on-site part of the metric: the overlap of an atom's own functions is δ_{μμ'}·s^λ_{nn'}, so that block is
 * (1/N)·(ΨᵀΨ) ⊗ s^λ + ηI, inverted through the eigenvectors of ΨᵀΨ and of s^λ. It contains the
 * (species, λ, n) Jacobi blocks of the brief and also their n–n' coupling, which matters because
 * radial functions of one atom overlap strongly.
 */
public final class CoefficientTraining {
    /** Structures per feature chunk: bounds the memory of full features (≈11 MB per water molecule for the response). */
    private static final int CHUNK = 48;
    /** Up to this many training structures the features computed for the sparse set are kept for the design rows (≈11 MB each). */
    private static final int CACHE_STRUCTURES = 160;

    private CoefficientTraining() {}

    /** What the solver did, for logs and reports. */
    public record SolveInfo(String method, int dimension, int iterations, double relativeResidual) {}

    /** One (species, λ) block of the design. */
    private static final class DesignBlock {
        int z, lambda, nmax, rows, dimension, atoms, wOffset;
        int[] rel;
        int[] structure;   // per stacked atom
        int[] atomOffset;  // coefficient offset of the atom in its structure
        double[] psi;      // (atoms·rows) × D
        double[] knm;      // (atoms·rows) × P, until projected
        int[] sparseAtoms; // global training-atom indices of the first M_λ sparse environments
        RkhsProjector projector;
        Features sparsePhi;
        double[] precondA; // eigenvectors of ΨᵀΨ (D×D)
        double[] precondAval;
        double[] precondS, precondSval;
    }

    /**
     * Trains a model.
     *
     * @param kind       density or λ⊗1 kernel
     * @param weightSets 1, or 3 for SALTER (each field direction its own density model)
     * @param targets    per structure, rows × ncoef in internal m order; rows = 1 (density) or 3 (x, y, z)
     * @param log        progress lines, or null
     */
    static CoefficientModel train(CoefficientFeatures.Kind kind, int weightSets, List<Atoms> structures, List<double[]> targets,
                                  BasisSet basis, CoefficientOptions options, PrintWriter log, SolveInfo[] info) {
        return train(kind, weightSets, structures, targets, basis, options, log, info, null, null);
    }

    /** As above; PCG solves save and resume their state through {@code checkpoint} (null: none). */
    static CoefficientModel train(CoefficientFeatures.Kind kind, int weightSets, List<Atoms> structures, List<double[]> targets,
                                  BasisSet basis, CoefficientOptions options, PrintWriter log, SolveInfo[] info, CgCheckpoint checkpoint) {
        return train(kind, weightSets, structures, targets, basis, options, log, info, checkpoint, null);
    }

    /**
     * The same regression with per-structure metrics M_k in place of the overlaps S_k and targets given
     * already multiplied by them (b_k = M_k c_k, rows × ncoef): the loss
     * (1/N)Σ_k Σ_d [(X_kd w)ᵀ M_k (X_kd w) − 2 (X_kd w)ᵀ b_kd] + η‖w‖². A loss on sampled grid values,
     * Σ_g w_g (B_k c − n_kd(r_g))², is this with M_k = B_kᵀWB_k and b_kd = B_kᵀW n_kd
     * ({@link org.equidens.realspace.RealSpaceTraining}).
     *
     * @param metrics per structure ncoef × ncoef SPD, or null for the overlaps (then targets are coefficients)
     */
    static CoefficientModel train(CoefficientFeatures.Kind kind, int weightSets, List<Atoms> structures, List<double[]> targets,
                                  BasisSet basis, CoefficientOptions options, PrintWriter log, SolveInfo[] info, CgCheckpoint checkpoint,
                                  double[][] metrics) {
        if (metrics != null && metrics.length != structures.size()) throw new IllegalArgumentException("one metric per structure");
        int n = structures.size();
        if (n == 0) throw new InputException("no training structures");
        if (targets.size() != n) throw new IllegalArgumentException("one target array per structure");
        int rowsOut = kind == CoefficientFeatures.Kind.RESPONSE ? 3 : weightSets;
        TreeSet<Integer> zs = new TreeSet<>();
        for (Atoms a : structures) for (int i = 0; i < a.size(); i++) zs.add(a.atomicNumber(i));
        for (int z : zs) {
            String sym = org.equidens.structure.Elements.symbol(z);
            if (!basis.has(sym)) throw new InputException("basis " + basis.name() + " has no functions for element " + sym);
        }
        for (int k = 0; k < n; k++) {
            int nc = coefficientCount(basis, structures.get(k));
            if (targets.get(k).length != rowsOut * nc)
                throw new InputException("structure " + k + ": expected " + rowsOut + "×" + nc + " target coefficients, got " + targets.get(k).length);
        }
        // fix the neighbour species so features line up across structures
        LambdaSoap.Hypers h = options.descriptor();
        if (h.expansion().species() == null) {
            int[] sp = zs.stream().mapToInt(Integer::intValue).toArray();
            h = new LambdaSoap.Hypers(h.expansion().withSpecies(sp), h.lambdaMax(), h.parities(), h.normalisation(), h.pairs());
            options = options.withDescriptor(h);
        }
        TreeMap<Integer, CoefficientModel.SpeciesPart> parts = new TreeMap<>();
        for (int z : zs) parts.put(z, new CoefficientModel.SpeciesPart(z, basis));
        CoefficientModel model = new CoefficientModel(kind, weightSets, options, basis, parts);
        CoefficientFeatures feats = model.featurizer();
        SphericalKernel zeta = new SphericalKernel(options.zeta());
        long t0 = System.nanoTime(), c0 = cpuNanos();

        // 1. λ=0 features and FPS per species
        EquivariantFeatures[] scalars = new EquivariantFeatures[n];
        try (Progress.Task bar = Progress.task("λ=0 features", n)) {
            Threads.parallelFor(0, n, k -> {
                scalars[k] = feats.scalar(structures.get(k), k);
                bar.step();
            });
        }
        int total = 0;
        for (Atoms a : structures) total += a.size();
        int f0 = scalars[0].features();
        double[] all0 = new double[total * f0];
        int[] spAll = new int[total], owner = new int[total], local = new int[total];
        int row = 0;
        for (int k = 0; k < n; k++) {
            System.arraycopy(scalars[k].data(), 0, all0, row * f0, scalars[k].samples() * f0);
            for (int i = 0; i < structures.get(k).size(); i++, row++) {
                spAll[row] = structures.get(k).atomicNumber(i);
                owner[row] = k;
                local[row] = i;
            }
        }
        Map<Integer, SparseSelection.Selection> fps = SparseSelection.farthestPointPerSpecies(
                new EquivariantFeatures(0, total, f0, all0), spAll, options.sparsePerSpecies(), SparseSelection.Start.seeded(options.seed()));

        // 2. sparse features (structures holding sparse atoms), K_MM, projectors
        TreeSet<Integer> needed = new TreeSet<>();
        for (SparseSelection.Selection s : fps.values()) for (int g : s.indices()) needed.add(owner[g]);
        Map<Integer, CoefficientFeatures.Structure> sparseStructs = new TreeMap<>();
        try (Progress.Task bar = Progress.task("sparse-set features", needed.size())) {
            computeAll(feats, structures, needed.stream().mapToInt(Integer::intValue).toArray(), (k, f) -> {
                synchronized (sparseStructs) {
                    sparseStructs.put(k, f);
                }
                bar.step();
            });
        }
        List<DesignBlock> blocks = new ArrayList<>();
        double eigenCutoff = options.eigenvalueCutoff();
        for (CoefficientModel.SpeciesPart p : parts.values()) {
            int[] sel = fps.get(p.z).indices();
            p.sparseCount = new int[p.lmax + 1];
            p.features = new int[p.lmax + 1];
            p.b = new double[weightSets][p.lmax + 1][];
            p.scalar = gatherScalar(sparseStructs, sel, owner, local);
            for (int lam = 0; lam <= p.lmax; lam++) {
                int m = options.decay() ? SparseSelection.sizeForLambda(sel.length, lam) : sel.length;
                p.sparseCount[lam] = m;
                Features phi = gatherPhi(sparseStructs, Arrays.copyOf(sel, m), owner, local, lam);
                p.features[lam] = phi.features();
                if (p.nmax[lam] == 0) continue;
                DesignBlock b = new DesignBlock();
                b.z = p.z;
                b.lambda = lam;
                b.nmax = p.nmax[lam];
                b.rows = phi.rows();
                b.rel = p.rel[lam];
                b.sparsePhi = phi;
                b.sparseAtoms = Arrays.copyOf(sel, m);
                blocks.add(b);
            }
        }
        if (n > CACHE_STRUCTURES) sparseStructs.clear(); // else reused for the design rows below
        if (log != null) log.printf("  sparse environments (FPS per species) and their features  [%s]%n", stamp(t0, c0));

        // 3. design rows of every training atom, chunk by chunk
        for (DesignBlock b : blocks) {
            int cnt = 0;
            for (int g = 0; g < total; g++) if (spAll[g] == b.z) cnt++;
            b.atoms = cnt;
            b.structure = new int[cnt];
            b.atomOffset = new int[cnt];
            b.knm = new double[Math.multiplyExact(cnt * b.rows, b.sparsePhi.samples() * b.rows)];
        }
        int[][] atomOffsets = new int[n][];
        for (int k = 0; k < n; k++) {
            Atoms a = structures.get(k);
            atomOffsets[k] = new int[a.size()];
            int off = 0;
            for (int i = 0; i < a.size(); i++) {
                atomOffsets[k][i] = off;
                off += parts.get(a.atomicNumber(i)).atomSize;
            }
        }
        int[] fill = new int[blocks.size()];
        Progress.Task rowsBar = Progress.task("features and kernel rows", n);
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            CoefficientFeatures.Structure[] chunk = new CoefficientFeatures.Structure[end - start];
            int s0 = start;
            Threads.parallelFor(s0, end, k -> {
                CoefficientFeatures.Structure cached = sparseStructs.get(k);
                chunk[k - s0] = cached != null ? cached : feats.compute(structures.get(k), k);
                rowsBar.step();
            });
            for (int bi = 0; bi < blocks.size(); bi++) {
                DesignBlock b = blocks.get(bi);
                CoefficientModel.SpeciesPart p = parts.get(b.z);
                List<int[]> members = new ArrayList<>();
                for (int k = start; k < end; k++) {
                    Atoms a = structures.get(k);
                    for (int i = 0; i < a.size(); i++) if (a.atomicNumber(i) == b.z) members.add(new int[] {k, i});
                }
                if (members.isEmpty()) continue;
                int cnt = members.size();
                int nf = b.sparsePhi.features(), f0n = p.scalar.features();
                double[] x = new double[cnt * b.rows * nf], x0 = new double[cnt * f0n];
                for (int t = 0; t < cnt; t++) {
                    int k = members.get(t)[0], i = members.get(t)[1];
                    CoefficientFeatures.Structure fs = chunk[k - start];
                    System.arraycopy(fs.blocks()[b.lambda].data(), i * b.rows * nf, x, t * b.rows * nf, b.rows * nf);
                    System.arraycopy(fs.scalar().data(), i * f0n, x0, t * f0n, f0n);
                    b.structure[fill[bi] + t] = k;
                    b.atomOffset[fill[bi] + t] = atomOffsets[k][i];
                }
                int m = p.sparseCount[b.lambda];
                double[] kn = VectorFieldKernel.compute(zeta, new EquivariantFeatures(0, cnt, f0n, x0), new Features(cnt, b.rows, nf, x),
                        p.scalar.select(range(m)), b.sparsePhi);
                System.arraycopy(kn, 0, b.knm, fill[bi] * b.rows * m * b.rows, kn.length);
                fill[bi] += cnt;
            }
        }
        rowsBar.close();
        sparseStructs.clear();
        // K_MM = the rows of K_NM of the sparse atoms (they are training atoms), projectors, Ψ = K_NM·V
        int[] rankInSpecies = new int[total];
        Map<Integer, Integer> seen = new TreeMap<>();
        for (int g = 0; g < total; g++) rankInSpecies[g] = seen.merge(spAll[g], 1, Integer::sum) - 1;
        Progress.Task projBar = Progress.task("RKHS projectors and design rows", blocks.size());
        Threads.parallelFor(0, blocks.size(), bi -> {
            DesignBlock b = blocks.get(bi);
            int m = b.sparseAtoms.length, pp = m * b.rows;
            double[] kmm = new double[pp * pp];
            for (int j = 0; j < m; j++) {
                int t = rankInSpecies[b.sparseAtoms[j]];
                System.arraycopy(b.knm, t * b.rows * pp, kmm, j * b.rows * pp, b.rows * pp);
            }
            for (int i = 0; i < pp; i++)
                for (int j = 0; j < i; j++) kmm[i * pp + j] = kmm[j * pp + i] = 0.5 * (kmm[i * pp + j] + kmm[j * pp + i]);
            b.projector = RkhsProjector.of(kmm, pp, eigenCutoff);
            b.dimension = b.projector.rank();
            b.psi = b.projector.project(b.knm, b.atoms * b.rows);
            b.knm = null;
            projBar.step();
        });
        projBar.close();
        int wOff = 0;
        for (DesignBlock b : blocks) {
            b.wOffset = wOff;
            wOff += b.dimension * b.nmax;
        }
        int dim = wOff;
        if (log != null) log.printf("  kernels, RKHS projectors and design rows of %d training structures: %d weights in %d blocks  [%s]%n",
                n, dim, blocks.size(), stamp(t0, c0));

        // 4. metrics, baseline, targets per weight set
        double[][] overlaps = new double[n][];
        if (metrics != null) System.arraycopy(metrics, 0, overlaps, 0, n);
        else try (Progress.Task bar = Progress.task("overlap matrices", n)) {
            Threads.pool().submit(() -> IntStream.range(0, n).parallel().forEach(k -> {
                overlaps[k] = Integrals.overlapMatrix(new BasisFunctions(basis, structures.get(k)));
                bar.step();
            })).join();
        }
        boolean useBaseline = kind == CoefficientFeatures.Kind.DENSITY && weightSets == 1 && options.baseline() && metrics == null;
        if (useBaseline) {
            for (CoefficientModel.SpeciesPart p : parts.values()) {
                p.baseline = new double[p.nmax[0]];
                int cnt = 0;
                for (int k = 0; k < n; k++) {
                    Atoms a = structures.get(k);
                    for (int i = 0; i < a.size(); i++) {
                        if (a.atomicNumber(i) != p.z) continue;
                        cnt++;
                        for (int q = 0; q < p.nmax[0]; q++) p.baseline[q] += targets.get(k)[atomOffsets[k][i] + p.rel[0][q]];
                    }
                }
                for (int q = 0; q < p.nmax[0]; q++) p.baseline[q] /= cnt;
            }
        }
        int dirs = kind.directions();
        List<List<double[]>> sets = new ArrayList<>();
        for (int o = 0; o < weightSets; o++) {
            List<double[]> ys = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double[] t = targets.get(k);
                int nc = t.length / rowsOut;
                double[] y = dirs == 3 ? t.clone() : Arrays.copyOfRange(t, o * nc, (o + 1) * nc);
                if (useBaseline) {
                    Atoms a = structures.get(k);
                    for (int i = 0; i < a.size(); i++) {
                        CoefficientModel.SpeciesPart p = parts.get(a.atomicNumber(i));
                        for (int q = 0; q < p.nmax[0]; q++) y[atomOffsets[k][i] + p.rel[0][q]] -= p.baseline[q];
                    }
                }
                ys.add(y);
            }
            sets.add(ys);
        }

        // 5. solve (η first chosen by cross-validation if asked)
        if (options.etaSearch() != null) {
            CoefficientOptions.EtaSearch search = options.etaSearch();
            if (metrics != null) throw new InputException("cross-validation of η needs coefficient targets, not a real-space loss");
            Runtime rt = Runtime.getRuntime();
            double need = 3 * 8.0 * dim * dim + 320e6, free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > 0.8 * free)
                throw new InputException(String.format("cross-validation of η at %d weights needs three dense Hessians (%.1f GB), %.1f GB of heap are free;"
                        + " raise the heap (EQUIDENS_JAVA_OPTS=-Xmx...) or give regression.eta", dim, need / 1e9, free / 1e9));
            Problem probe = new Problem(blocks, dim, dirs, overlaps, search.etas()[0], n);
            List<Problem.CvPoint> cv = probe.crossValidate(sets, search.etas(), search.folds(), options.seed() + 7919, log);
            Problem.CvPoint best = cv.get(0);
            List<double[]> table = new ArrayList<>();
            for (Problem.CvPoint p : cv) {
                table.add(new double[] {p.eta(), p.percent()});
                if (p.error() < best.error()) best = p;
            }
            if (log != null) {
                StringBuilder b = new StringBuilder("  η by " + search.folds() + "-fold cross-validation:");
                for (Problem.CvPoint p : cv) b.append(String.format(" %.0e→%.4f%%", p.eta(), p.percent()));
                log.printf("%s; chosen %.1e%s  [%s]%n", b, best.eta(), best == cv.get(0) || best == cv.get(cv.size() - 1) ? " (an end of the grid)" : "",
                        stamp(t0, c0));
            }
            model.etaChosen(best.eta(), table);
            options = model.options();
        }
        Problem problem = new Problem(blocks, dim, dirs, overlaps, options.eta(), n);
        problem.targetsApplied = metrics != null;
        boolean direct = options.solver() == CoefficientOptions.Solver.DIRECT
                || (options.solver() == CoefficientOptions.Solver.AUTO && dim <= options.directMaxDimension());
        if (direct && options.solver() == CoefficientOptions.Solver.AUTO && !Problem.hessianFits(dim)) {
            if (log != null) log.printf("  %d weights: the dense Hessian (%.1f GB) does not fit in the heap, using PCG%n", dim, 8.0 * dim * dim / 1e9);
            direct = false;
        }
        double[][] w = new double[weightSets][];
        if (direct) {
            double[] hess = problem.assembleHessian();
            if (log != null) log.printf("  normal equations assembled (%d weights)  [%s]%n", dim, stamp(t0, c0));
            problem.factor(hess);
            if (log != null) log.printf("  Cholesky factorisation  [%s]%n", stamp(t0, c0));
        } else {
            problem.buildPreconditioner(basis);
        }
        for (int o = 0; o < weightSets; o++) {
            SolveInfo si = problem.solveCg(sets.get(o), options.cgTolerance(), options.cgMaxIterations(), checkpoint, o);
            w[o] = problem.lastSolution;
            if (info != null) info[o] = si;
            if (log != null) log.printf("  %s (weight set %d): %d iterations, relative residual %.1e  [%s]%n",
                    direct ? "Cholesky + PCG refinement" : "PCG", o, si.iterations(), si.relativeResidual(), stamp(t0, c0));
        }

        // 6. sparse weights and B_j = Φ_jᵀ C_j
        for (DesignBlock b : blocks) {
            CoefficientModel.SpeciesPart p = parts.get(b.z);
            int m = p.sparseCount[b.lambda], nf = b.sparsePhi.features(), pp = m * b.rows;
            for (int o = 0; o < weightSets; o++) {
                double[] wb = Arrays.copyOfRange(w[o], b.wOffset, b.wOffset + b.dimension * b.nmax);
                double[] c = new double[pp * b.nmax];
                Blas.gemm(false, false, pp, b.nmax, b.dimension, 1.0, b.projector.matrix(), wb, 0.0, c);
                double[] bj = new double[m * nf * b.nmax];
                double[] phiJ = new double[b.rows * nf], cJ = new double[b.rows * b.nmax], out = new double[nf * b.nmax];
                for (int j = 0; j < m; j++) {
                    System.arraycopy(b.sparsePhi.data(), j * b.rows * nf, phiJ, 0, b.rows * nf);
                    System.arraycopy(c, j * b.rows * b.nmax, cJ, 0, b.rows * b.nmax);
                    Blas.gemm(true, false, nf, b.nmax, b.rows, 1.0, phiJ, cJ, 0.0, out);
                    System.arraycopy(out, 0, bj, j * nf * b.nmax, nf * b.nmax);
                }
                p.b[o][b.lambda] = bj;
            }
        }
        for (CoefficientModel.SpeciesPart p : parts.values())
            for (int o = 0; o < weightSets; o++)
                for (int lam = 0; lam <= p.lmax; lam++) if (p.b[o][lam] == null) p.b[o][lam] = new double[0];
        return model;
    }

    private static int coefficientCount(BasisSet basis, Atoms a) {
        int c = 0;
        for (int i = 0; i < a.size(); i++) c += basis.functionCount(a.symbol(i));
        return c;
    }

    interface Sink {
        void accept(int structure, CoefficientFeatures.Structure f);
    }

    private static void computeAll(CoefficientFeatures feats, List<Atoms> structures, int[] which, Sink sink) {
        Threads.parallelFor(0, which.length, t -> sink.accept(which[t], feats.compute(structures.get(which[t]), which[t])));
    }

    private static int[] range(int m) {
        int[] r = new int[m];
        for (int i = 0; i < m; i++) r[i] = i;
        return r;
    }

    private static EquivariantFeatures gatherScalar(Map<Integer, CoefficientFeatures.Structure> fs, int[] sel, int[] owner, int[] local) {
        int f0 = fs.values().iterator().next().scalar().features();
        double[] out = new double[sel.length * f0];
        for (int t = 0; t < sel.length; t++) {
            EquivariantFeatures s = fs.get(owner[sel[t]]).scalar();
            System.arraycopy(s.data(), local[sel[t]] * f0, out, t * f0, f0);
        }
        return new EquivariantFeatures(0, sel.length, f0, out);
    }

    private static Features gatherPhi(Map<Integer, CoefficientFeatures.Structure> fs, int[] sel, int[] owner, int[] local, int lam) {
        Features first = fs.values().iterator().next().blocks()[lam];
        int len = first.sampleLength();
        double[] out = new double[sel.length * len];
        for (int t = 0; t < sel.length; t++) {
            Features f = fs.get(owner[sel[t]]).blocks()[lam];
            System.arraycopy(f.data(), local[sel[t]] * len, out, t * len, len);
        }
        return new Features(sel.length, first.rows(), first.features(), out);
    }

    /** CPU time of this process (all threads, ns), or 0 where the JVM does not report it. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    /** "wall s, CPU s" since (t0, c0): on a shared machine the CPU figure is the robust one. */
    static String stamp(long t0, long c0) {
        return String.format("%.1f s, CPU %.1f s", sec(t0), (cpuNanos() - c0) * 1e-9);
    }

    static double sec(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** The regression problem on a fixed design: operator products, direct and PCG solves. */
    static final class Problem {
        final List<DesignBlock> blocks;
        final int dim, dirs, n;
        final double[][] overlaps;
        final double eta;
        final int[] ncoef;
        double[] lastSolution;
        /** Targets are given as M_k c_k (real-space loss): the right-hand side skips the metric. */
        boolean targetsApplied;

        Problem(List<DesignBlock> blocks, int dim, int dirs, double[][] overlaps, double eta, int n) {
            this.blocks = blocks;
            this.dim = dim;
            this.dirs = dirs;
            this.overlaps = overlaps;
            this.eta = eta;
            this.n = n;
            ncoef = new int[n];
            for (int k = 0; k < n; k++) ncoef[k] = (int) Math.round(Math.sqrt(overlaps[k].length));
        }

        /** Predicted coefficients X·w per structure (dirs × ncoef): block gemms in parallel, then the scatter. */
        double[][] forward(double[] w) {
            double[][] pred = new double[n][];
            for (int k = 0; k < n; k++) pred[k] = new double[dirs * ncoef[k]];
            double[][] ps = new double[blocks.size()][];
            Threads.parallelFor(0, blocks.size(), bi -> {
                DesignBlock b = blocks.get(bi);
                if (b.atoms == 0 || b.dimension == 0) return;
                double[] wb = Arrays.copyOfRange(w, b.wOffset, b.wOffset + b.dimension * b.nmax);
                ps[bi] = new double[b.atoms * b.rows * b.nmax];
                Blas.gemm(false, false, b.atoms * b.rows, b.nmax, b.dimension, 1.0, b.psi, wb, 0.0, ps[bi]);
            });
            for (int bi = 0; bi < blocks.size(); bi++) {
                DesignBlock b = blocks.get(bi);
                double[] p = ps[bi];
                if (p == null) continue;
                int comps = b.rows / dirs;
                for (int t = 0; t < b.atoms; t++) {
                    double[] out = pred[b.structure[t]];
                    int nc = ncoef[b.structure[t]];
                    for (int mu = 0; mu < comps; mu++)
                        for (int d = 0; d < dirs; d++) {
                            int src = (t * b.rows + mu * dirs + d) * b.nmax;
                            int dst = d * nc + b.atomOffset[t] + mu;
                            for (int q = 0; q < b.nmax; q++) out[dst + b.rel[q]] += p[src + q];
                        }
                }
            }
            return pred;
        }

        /** Xᵀ r for per-structure residual-like vectors (dirs × ncoef); blocks in parallel (disjoint outputs). */
        double[] backward(double[][] r) {
            double[] g = new double[dim];
            Threads.parallelFor(0, blocks.size(), bi -> {
                DesignBlock b = blocks.get(bi);
                if (b.atoms == 0 || b.dimension == 0) return;
                double[] gathered = new double[b.atoms * b.rows * b.nmax];
                int comps = b.rows / dirs;
                for (int t = 0; t < b.atoms; t++) {
                    double[] in = r[b.structure[t]];
                    int nc = ncoef[b.structure[t]];
                    for (int mu = 0; mu < comps; mu++)
                        for (int d = 0; d < dirs; d++) {
                            int dst = (t * b.rows + mu * dirs + d) * b.nmax;
                            int src = d * nc + b.atomOffset[t] + mu;
                            for (int q = 0; q < b.nmax; q++) gathered[dst + q] = in[src + b.rel[q]];
                        }
                }
                double[] gb = new double[b.dimension * b.nmax];
                Blas.gemm(true, false, b.dimension, b.nmax, b.atoms * b.rows, 1.0, b.psi, gathered, 0.0, gb);
                System.arraycopy(gb, 0, g, b.wOffset, gb.length);
            });
            return g;
        }

        /** S_k applied to every direction row, in place (parallel over structures). */
        void metric(double[][] v) {
            Threads.parallelFor(0, n, k -> {
                double[] out = new double[v[k].length];
                Blas.gemm(false, false, dirs, ncoef[k], ncoef[k], 1.0, v[k], overlaps[k], 0.0, out);
                v[k] = out;
            });
        }

        /** (1/N) Xᵀ S X w + η w. */
        double[] apply(double[] w) {
            double[][] p = forward(w);
            metric(p);
            double[] g = backward(p);
            double inv = 1.0 / n;
            for (int i = 0; i < dim; i++) g[i] = g[i] * inv + eta * w[i];
            return g;
        }

        double[] rhs(List<double[]> y) {
            double[][] c = new double[n][];
            for (int k = 0; k < n; k++) c[k] = y.get(k).clone();
            if (!targetsApplied) metric(c);
            double[] b = backward(c);
            for (int i = 0; i < dim; i++) b[i] /= n;
            return b;
        }

        /** Whether a dense dim × dim Hessian and the assembly's working space (≈ 300 MB) fit in what is left of the heap. */
        static boolean hessianFits(int dim) {
            Runtime rt = Runtime.getRuntime();
            double need = 8.0 * dim * dim + 320e6;
            if (need <= 0.8 * (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()))) return true;
            System.gc(); // once, before deciding against the direct route: garbage of the design phase may be counted as used
            return need <= 0.8 * (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        }

        /** Structures per assembly chunk; 0 = chosen from the memory bound (tests set small values to cover several chunks). */
        static volatile int assemblyChunk = 0;

        /** Cholesky factor (row-major lower triangle) of the Hessian in q-major weight order, or null. */
        double[] factor;
        /** q-major position of every weight (see {@link #assembleHessian}). */
        int[] qMajor;

        /**
         * The exact Hessian H = (1/N) Σ_k Σ_d X_kdᵀ S_k X_kd + ηI, dense, in <em>q-major</em> weight order
         * (block b, radial function q, kernel column c at b.wOffset + q·D_b + c), so that the weights of one
         * (b, q) group are contiguous.
         *
         * <p>Assembly exploits the sparsity of X: the row of coefficient (atom t, μ, q, direction d) has
         * only the D_b entries ψ_b[(t, μ, d), ·] in group (b, q). For each column group g = (b', q'):
         * <ol>
         *   <li>per structure k (in parallel), SX_k[:, g] = Σ_{t' ∈ b', k} S_k[:, t'q'μ'] · ψ_{t'} — one
         *       gemm per atom with the (μ' × (d, c')) layout of ψ rows, for all directions at once;</li>
         *   <li>per row group (b, q) ≤ g (in parallel), H[(b,q), g] = (1/N) ψ_bᵀ · (the rows of SX for
         *       coefficients (t, μ, q, d) stacked in ψ_b's row order): one gemm with inner dimension
         *       atoms·3(2λ+1), i.e. every training atom at once.</li>
         * </ol>
         * Structures are taken in chunks (SX of one chunk and group ≤ 256 MB), so memory beyond H stays
         * bounded for any N. Cost ≈ dim · Σ_b nmax_b·D_b·atoms_b·rows_b flops (the dense X route costs
         * dim²·N·3·n_coef), then the upper triangle is mirrored.
         */
        double[] assembleHessian() {
            double[] weight = new double[n];
            Arrays.fill(weight, 1.0 / n);
            return assembleHessian(weight, eta);
        }

        /**
         * Σ_k weight_k Σ_d X_kdᵀ S_k X_kd + diagonal·I in q-major order (structures of weight 0 add
         * nothing): {@link #assembleHessian()} is weight 1/N and diagonal η; cross-validation assembles
         * the held-out folds' parts with weight 1 and diagonal 0.
         */
        double[] assembleHessian(double[] weight, double diagonal) {
            if (weight.length != n) throw new IllegalArgumentException("one weight per structure");
            int ng = 0;
            for (DesignBlock b : blocks) ng += b.dimension == 0 ? 0 : b.nmax;
            int[] gBlock = new int[ng], gQ = new int[ng], gStart = new int[ng];
            int gi = 0;
            for (int bi = 0; bi < blocks.size(); bi++) {
                DesignBlock b = blocks.get(bi);
                if (b.dimension == 0) continue;
                for (int q = 0; q < b.nmax; q++, gi++) {
                    gBlock[gi] = bi;
                    gQ[gi] = q;
                    gStart[gi] = b.wOffset + q * b.dimension;
                }
            }
            qMajor = new int[dim];
            for (DesignBlock b : blocks)
                for (int c = 0; c < b.dimension; c++)
                    for (int q = 0; q < b.nmax; q++) qMajor[b.wOffset + c * b.nmax + q] = b.wOffset + q * b.dimension + c;
            // atoms of every block per structure (atoms are stacked in structure order)
            int[][][] atomsOf = new int[blocks.size()][n][];
            int[][] firstAtom = new int[blocks.size()][n + 1];
            for (int bi = 0; bi < blocks.size(); bi++) {
                DesignBlock b = blocks.get(bi);
                int[] cnt = new int[n];
                for (int t = 0; t < b.atoms; t++) cnt[b.structure[t]]++;
                for (int k = 0; k < n; k++) atomsOf[bi][k] = new int[cnt[k]];
                Arrays.fill(cnt, 0);
                for (int t = 0; t < b.atoms; t++) {
                    if (t > 0 && b.structure[t] < b.structure[t - 1]) throw new IllegalStateException("design rows not in structure order");
                    atomsOf[bi][b.structure[t]][cnt[b.structure[t]]++] = t;
                }
                for (int k = 0, t = 0; k <= n; k++) {
                    while (t < b.atoms && b.structure[t] < k) t++;
                    firstAtom[bi][k] = t;
                }
            }
            // structures per chunk: SX of one chunk and one column group within ≈ 256 MB
            int maxNc = 0, maxD = 1;
            for (int k = 0; k < n; k++) maxNc = Math.max(maxNc, ncoef[k]);
            for (DesignBlock b : blocks) maxD = Math.max(maxD, b.dimension);
            int chunk = assemblyChunk > 0 ? assemblyChunk : (int) Math.max(8, Math.min(n, (256L << 20) / (8L * Math.max(1, maxNc) * dirs * maxD)));
            double[] h = new double[Math.multiplyExact(dim, dim)];
            double[][] sx = new double[Math.min(n, chunk)][]; // per chunk slot, reused by every chunk and group
            Progress.Task bar = Progress.task("normal equations", (long) ((n + chunk - 1) / chunk) * ng);
            for (int k0 = 0; k0 < n; k0 += chunk) {
                int k1 = Math.min(n, k0 + chunk), c0 = k0;
                // this chunk's design rows per block (copies: gemm needs them contiguous from index 0)
                double[][] psiChunk = new double[blocks.size()][];
                for (int bi = 0; bi < blocks.size(); bi++) {
                    DesignBlock b = blocks.get(bi);
                    int from = firstAtom[bi][k0] * b.rows * b.dimension, to = firstAtom[bi][k1] * b.rows * b.dimension;
                    psiChunk[bi] = Arrays.copyOfRange(b.psi, from, to);
                }
                for (int g = 0; g < ng; g++) {
                    bar.step();
                    DesignBlock bc = blocks.get(gBlock[g]);
                    int qc = gQ[g], dc = bc.dimension, compsC = bc.rows / dirs, width = dirs * dc;
                    int[][] mine = atomsOf[gBlock[g]];
                    // 1. SX_k[:, g] for the chunk's structures, layout [row r][direction d][column c']
                    Threads.parallelFor(k0, k1, k -> {
                        int nc = ncoef[k];
                        double[] out = sx[k - c0] != null && sx[k - c0].length >= nc * width ? sx[k - c0] : new double[nc * width];
                        Arrays.fill(out, 0, nc * width, 0.0);
                        double[] srows = new double[compsC * nc], psiT = new double[bc.rows * dc];
                        for (int t : mine[k]) {
                            int col0 = bc.atomOffset[t] + bc.rel[qc];
                            System.arraycopy(overlaps[k], col0 * nc, srows, 0, compsC * nc); // S rows = S columns (symmetric)
                            System.arraycopy(bc.psi, t * bc.rows * dc, psiT, 0, bc.rows * dc);
                            Blas.gemm(true, false, nc, width, compsC, weight[k], srows, psiT, 1.0, out);
                        }
                        sx[k - c0] = out;
                    });
                    // 2. H[(b,q), g] += (1/N) ψ_bᵀ·(SX rows of the coefficients (t, μ, q, d)) for every row group up to g
                    int gCol = g;
                    Threads.parallelFor(0, g + 1, r -> {
                        int br0 = gBlock[r];
                        DesignBlock br = blocks.get(br0);
                        int qr = gQ[r], dr = br.dimension, compsR = br.rows / dirs;
                        int tFrom = firstAtom[br0][c0], tTo = firstAtom[br0][k1], cnt = tTo - tFrom;
                        if (cnt == 0) return;
                        double[] bm = new double[cnt * br.rows * dc];
                        for (int t = tFrom; t < tTo; t++) {
                            double[] in = sx[br.structure[t] - c0];
                            int row0 = br.atomOffset[t] + br.rel[qr];
                            for (int mu = 0; mu < compsR; mu++)
                                for (int d = 0; d < dirs; d++)
                                    System.arraycopy(in, (row0 + mu) * width + d * dc, bm, (((t - tFrom) * compsR + mu) * dirs + d) * dc, dc);
                        }
                        double[] tmp = new double[dr * dc];
                        Blas.gemm(true, false, dr, dc, cnt * br.rows, 1.0, psiChunk[br0], bm, 0.0, tmp);
                        int r0 = gStart[r], col = gStart[gCol];
                        for (int i = 0; i < dr; i++) {
                            int o = (r0 + i) * dim + col;
                            for (int j = 0; j < dc; j++) h[o + j] += tmp[i * dc + j];
                        }
                    });
                }
            }
            bar.close();
            for (int i = 0; i < dim; i++) {
                h[i * dim + i] += diagonal;
                for (int j = 0; j < i; j++) h[i * dim + j] = h[j * dim + i];
            }
            return h;
        }

        /** Σ_k weight_k X_kᵀ S_k y_k in the original weight order (targets already multiplied by M_k if targetsApplied). */
        double[] rhs(List<double[]> y, double[] weight) {
            double[][] c = new double[n][];
            for (int k = 0; k < n; k++) c[k] = y.get(k).clone();
            if (!targetsApplied) metric(c);
            for (int k = 0; k < n; k++) for (int i = 0; i < c[k].length; i++) c[k][i] *= weight[k];
            return backward(c);
        }

        /** One η of a cross-validation: pooled held-out error Σε and norm Σv over all folds and weight sets. */
        record CvPoint(double eta, double error, double norm) {
            double percent() {
                return 100 * Math.sqrt(error / norm);
            }
        }

        /**
         * k-fold cross-validation of η on the exact normal equations (direct route only). Structures are
         * split into folds by a seeded permutation; for every fold the Hessian of the others is
         * (H_all − H_fold)/N_train, factorised once per η; the held-out error is SALTED's
         * ε_k = Δc_kᵀ S_k Δc_k summed over the fold, against v_k = c_kᵀ S_k c_k (targets as given,
         * i.e. about the species baseline for a density). Memory: three dense Hessians.
         */
        List<CvPoint> crossValidate(List<List<double[]>> sets, double[] etas, int folds, long seed, PrintWriter log) {
            if (targetsApplied) throw new IllegalArgumentException("cross-validation needs coefficient targets");
            if (folds < 2 || folds > n) throw new InputException("cross-validation needs 2 ≤ folds ≤ training structures (" + n + "), got " + folds);
            int[] fold = new int[n];
            int[] perm = SparseSelection.random(n, n, seed).indices();
            for (int i = 0; i < n; i++) fold[perm[i]] = i % folds;
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            double[] all = assembleHessian(ones, 0.0);
            double[] err = new double[etas.length];
            double norm = 0; // Σ v_k over the held-out structures: the same for every η
            double[] work = new double[all.length];
            for (int f = 0; f < folds; f++) {
                double[] in = new double[n], out = new double[n];
                int held = 0;
                for (int k = 0; k < n; k++) if (fold[k] == f) {
                    in[k] = 1.0;
                    held++;
                }
                double scale = 1.0 / (n - held);
                for (int k = 0; k < n; k++) out[k] = fold[k] == f ? 0.0 : scale;
                double[] part = assembleHessian(in, 0.0);
                List<double[]> rhs = new ArrayList<>();
                for (List<double[]> y : sets) {
                    rhs.add(rhs(y, out));
                    for (int k = 0; k < n; k++) if (fold[k] == f) norm += quadratic(y.get(k), k);
                }
                for (int e = 0; e < etas.length; e++) {
                    for (int i = 0; i < work.length; i++) work[i] = (all[i] - part[i]) * scale;
                    for (int i = 0; i < dim; i++) work[i * dim + i] += etas[e];
                    Blas.cholesky(work, dim);
                    for (int o = 0; o < sets.size(); o++) {
                        List<double[]> y = sets.get(o);
                        double[][] pred = forward(choleskyInverse(work, rhs.get(o)));
                        for (int k = 0; k < n; k++) {
                            if (fold[k] != f) continue;
                            double[] d = y.get(k).clone();
                            for (int i = 0; i < d.length; i++) d[i] = pred[k][i] - d[i];
                            err[e] += quadratic(d, k);
                        }
                    }
                    if (log != null) log.printf("  cross-validation fold %d/%d, η = %.1e: held-out %.4f %% (folds 1..%d pooled)%n", f + 1, folds, etas[e],
                            100 * Math.sqrt(err[e] / norm), f + 1);
                }
            }
            List<CvPoint> out = new ArrayList<>();
            for (int e = 0; e < etas.length; e++) out.add(new CvPoint(etas[e], err[e], norm));
            return out;
        }

        /** Σ_d v_dᵀ S_k v_d for one structure's dirs × ncoef vector. */
        private double quadratic(double[] v, int k) {
            int nc = ncoef[k];
            double s = 0;
            double[] sv = new double[nc];
            for (int d = 0; d < dirs; d++) {
                Blas.gemv(false, nc, nc, 1.0, overlaps[k], Arrays.copyOfRange(v, d * nc, (d + 1) * nc), 0.0, sv);
                for (int i = 0; i < nc; i++) s += v[d * nc + i] * sv[i];
            }
            return s;
        }

        /** Factorises the assembled Hessian in place and keeps it: {@link #precondition} becomes the exact inverse. */
        void factor(double[] h) {
            Blas.cholesky(h, dim);
            factor = h;
        }

        /** H⁻¹ r through the Cholesky factor (weights in the original order). */
        private double[] choleskyInverse(double[] r) {
            return choleskyInverse(factor, r);
        }

        /** H⁻¹ r for a Cholesky factor of a q-major Hessian (r and the result in the original weight order). */
        private double[] choleskyInverse(double[] factor, double[] r) {
            double[] t = new double[dim];
            for (int i = 0; i < dim; i++) t[qMajor[i]] = r[i];
            Blas.choleskySolve(factor, dim, t, 1);
            double[] z = new double[dim];
            for (int i = 0; i < dim; i++) z[i] = t[qMajor[i]];
            return z;
        }

        /** Eigen-decompositions of ΨᵀΨ and of the on-site radial overlap s^λ for every block. */
        void buildPreconditioner(BasisSet basis) {
            Threads.parallelFor(0, blocks.size(), bi -> {
                DesignBlock b = blocks.get(bi);
                double[] a = new double[b.dimension * b.dimension];
                if (b.atoms > 0) Blas.syrkTransposed(b.dimension, b.atoms * b.rows, 1.0, b.psi, 0.0, a);
                Blas.Eigen ea = Blas.symmetricEigen(a, b.dimension);
                b.precondA = ea.vectors();
                b.precondAval = ea.values();
                String sym = org.equidens.structure.Elements.symbol(b.z);
                double[] s = Integrals.overlapMatrix(new BasisFunctions(basis, new String[] {sym}, new double[3]));
                int size = (int) Math.round(Math.sqrt(s.length));
                double[] sl = new double[b.nmax * b.nmax];
                for (int i = 0; i < b.nmax; i++)
                    for (int j = 0; j < b.nmax; j++) sl[i * b.nmax + j] = s[b.rel[i] * size + b.rel[j]];
                Blas.Eigen es = Blas.symmetricEigen(sl, b.nmax);
                b.precondS = es.vectors();
                b.precondSval = es.values();
            });
        }

        double[] precondition(double[] r) {
            if (factor != null) return choleskyInverse(r);
            double[] z = new double[dim];
            double inv = 1.0 / n;
            Threads.parallelFor(0, blocks.size(), bi -> {
                DesignBlock b = blocks.get(bi);
                int d = b.dimension, m = b.nmax;
                if (d == 0) return;
                double[] g = Arrays.copyOfRange(r, b.wOffset, b.wOffset + d * m);
                double[] t1 = new double[d * m], t2 = new double[d * m];
                Blas.gemm(true, false, d, m, d, 1.0, b.precondA, g, 0.0, t1);   // U_Aᵀ G
                Blas.gemm(false, false, d, m, m, 1.0, t1, b.precondS, 0.0, t2); // · U_s
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < m; j++) t2[i * m + j] /= Math.max(b.precondAval[i], 0.0) * Math.max(b.precondSval[j], 0.0) * inv + eta;
                Blas.gemm(false, true, d, m, m, 1.0, t2, b.precondS, 0.0, t1);  // · U_sᵀ
                Blas.gemm(false, false, d, m, d, 1.0, b.precondA, t1, 0.0, t2); // U_A ·
                System.arraycopy(t2, 0, z, b.wOffset, d * m);
            });
            return z;
        }

        SolveInfo solveCg(List<double[]> y, double tol, int maxIter) {
            return solveCg(y, tol, maxIter, null, 0);
        }

        /** PCG; with a checkpoint, starts from its saved state of weight set {@code set} and saves when due. */
        SolveInfo solveCg(List<double[]> y, double tol, int maxIter, CgCheckpoint checkpoint, int set) {
            if (eta <= 0) throw new IllegalArgumentException("PCG needs eta > 0");
            double[] b = rhs(y);
            double bnorm = Math.sqrt(Blas.dot(b, b));
            double[] x = new double[dim];
            if (bnorm == 0) {
                lastSolution = x;
                return new SolveInfo(factor != null ? "cholesky" : "pcg", dim, 0, 0);
            }
            double[] r, z, p;
            double rz;
            int it = 0;
            double rel = 1;
            CgCheckpoint.State saved = checkpoint == null ? null : checkpoint.restore(set, dim);
            if (saved != null) {
                x = saved.x();
                r = saved.r();
                p = saved.p();
                rz = saved.rz();
                it = saved.iteration();
                rel = Math.sqrt(Blas.dot(r, r)) / bnorm;
            } else {
                r = b.clone();
                z = precondition(r);
                p = z.clone();
                rz = Blas.dot(r, z);
            }
            Progress.Task bar = Progress.task("PCG iterations" + (set > 0 ? " (set " + set + ")" : ""), maxIter);
            bar.step(it);
            while (it < maxIter) {
                double[] ap = apply(p);
                double alpha = rz / Blas.dot(p, ap);
                for (int i = 0; i < dim; i++) {
                    x[i] += alpha * p[i];
                    r[i] -= alpha * ap[i];
                }
                it++;
                bar.step();
                rel = Math.sqrt(Blas.dot(r, r)) / bnorm;
                if (rel <= tol) break;
                z = precondition(r);
                double rzNew = Blas.dot(r, z);
                double beta = rzNew / rz;
                rz = rzNew;
                for (int i = 0; i < dim; i++) p[i] = z[i] + beta * p[i];
                bar.status(String.format("residual %.1e", rel));
                // after the p update: (x, r, p, rz, it) is the whole state of the next iteration
                if (checkpoint != null && checkpoint.due(it)) checkpoint.save(set, new CgCheckpoint.State(it, rz, x, r, p));
            }
            bar.close();
            lastSolution = x;
            return new SolveInfo(factor != null ? "cholesky" : "pcg", dim, it, rel);
        }
    }
}
