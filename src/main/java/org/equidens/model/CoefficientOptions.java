package org.equidens.model;

import org.equidens.descriptor.LambdaSoap;

/**
 * Hyperparameters of the density, response and SALTER coefficient models (SALTED's method).
 *
 * @param descriptor        λ-SOAP hypers (neighbour species fixed by the trainer if absent)
 * @param zeta              kernel exponent ζ (k0^{ζ−1} factor), ≥ 1
 * @param eta               ridge η of the loss (1/N_train)·Σ_k ‖Ψ_k w − c_k‖²_{S_k} + η‖w‖² (SALTED's
 *                          convention: the data term is averaged over training structures)
 * @param sparsePerSpecies  M0: sparse environments per species (FPS on λ=0, FPS order), capped at the
 *                          training atoms of that species
 * @param decay             M_λ = round(M0·exp(−0.05λ²)) (else M0 for every λ)
 * @param eigenvalueCutoff  RKHS cutoff relative to the largest eigenvalue of K_MM
 * @param solver            direct normal equations, preconditioned CG, or automatic by dimension
 * @param directMaxDimension AUTO uses the direct route (dense Hessian, Cholesky, PCG refinement) up to this
 *                          many weights, if the dense Hessian fits in the heap
 * @param cgTolerance       PCG stops at ‖r‖ ≤ tol·‖b‖
 * @param cgMaxIterations   PCG iteration limit
 * @param baseline          density only: subtract per-species mean λ=0 coefficients (training set)
 * @param seed              seeds the first FPS point of every species
 * @param etaSearch         choose η by k-fold cross-validation on the training set (null: use {@code eta})
 */
public record CoefficientOptions(LambdaSoap.Hypers descriptor, double zeta, double eta, int sparsePerSpecies, boolean decay,
                                 double eigenvalueCutoff, Solver solver, int directMaxDimension, double cgTolerance,
                                 int cgMaxIterations, boolean baseline, long seed, EtaSearch etaSearch) {
    /** How the regression is solved. */
    public enum Solver { AUTO, DIRECT, CG }

    /**
     * Cross-validation of η: the value of {@code etas} with the lowest pooled held-out error
     * Σε/Σv over {@code folds} folds of the training structures (seeded by the options' seed).
     */
    public record EtaSearch(double[] etas, int folds) {
        public EtaSearch {
            if (etas == null || etas.length == 0) throw new IllegalArgumentException("give at least one η");
            for (double e : etas) if (!(e > 0) || Double.isInfinite(e)) throw new IllegalArgumentException("η must be finite and > 0, got " + e);
            if (folds < 2) throw new IllegalArgumentException("folds must be >= 2, got " + folds);
            etas = etas.clone();
        }

        @Override
        public double[] etas() {
            return etas.clone();
        }
    }

    /** Compatibility: no η search. */
    public CoefficientOptions(LambdaSoap.Hypers descriptor, double zeta, double eta, int sparsePerSpecies, boolean decay,
                              double eigenvalueCutoff, Solver solver, int directMaxDimension, double cgTolerance,
                              int cgMaxIterations, boolean baseline, long seed) {
        this(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, null);
    }

    public CoefficientOptions {
        if (descriptor == null) throw new IllegalArgumentException("descriptor hypers must be given");
        if (!(zeta >= 1) || !Double.isFinite(zeta)) throw new IllegalArgumentException("zeta must be >= 1");
        if (!(eta >= 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("eta must be >= 0");
        if (sparsePerSpecies < 1) throw new IllegalArgumentException("sparse environments per species must be >= 1");
        if (!(eigenvalueCutoff > 0 && eigenvalueCutoff < 1)) throw new IllegalArgumentException("eigenvalue cutoff must be in (0, 1)");
        if (solver == null) throw new IllegalArgumentException("solver must be given");
        if (!(cgTolerance > 0 && cgTolerance < 1)) throw new IllegalArgumentException("CG tolerance must be in (0, 1)");
        if (cgMaxIterations < 1 || directMaxDimension < 0) throw new IllegalArgumentException("bad solver limits");
    }

    /** Default of {@link #directMaxDimension}: a 16 000² Hessian is 2 GB and ≈ 1.4e12 flops to factorise. */
    public static final int DIRECT_MAX_DIMENSION = 16000;

    /** The seed paper's benchmark settings: rc 4 Å, σ 0.3 Å, 8 radial, l_max 6, ζ 2, η 1e-8, M0 100. */
    public static CoefficientOptions defaults(LambdaSoap.Hypers descriptor) {
        return new CoefficientOptions(descriptor, 2.0, 1e-8, 100, true, 1e-10, Solver.AUTO, DIRECT_MAX_DIMENSION, 1e-7, 3000, true, 0L);
    }

    public CoefficientOptions withEta(double e) {
        return new CoefficientOptions(descriptor, zeta, e, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, etaSearch);
    }

    public CoefficientOptions withSparse(int m0) {
        return new CoefficientOptions(descriptor, zeta, eta, m0, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, etaSearch);
    }

    public CoefficientOptions withSolver(Solver s) {
        return new CoefficientOptions(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, s, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, etaSearch);
    }

    public CoefficientOptions withCg(double tol, int maxIterations) {
        return new CoefficientOptions(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, tol, maxIterations, baseline, seed, etaSearch);
    }

    public CoefficientOptions withBaseline(boolean b) {
        return new CoefficientOptions(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, b, seed, etaSearch);
    }

    public CoefficientOptions withSeed(long s) {
        return new CoefficientOptions(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, s, etaSearch);
    }

    /** The response benchmark's settings (defaults with the default λ-SOAP up to λ = 7), with M0 and the seed given. */
    public static CoefficientOptions benchmark(int m0, long seed) {
        return defaults(LambdaSoap.Hypers.of(org.equidens.descriptor.SphericalExpansion.Hypers.defaults(), 7)).withSparse(m0).withSeed(seed);
    }

    public CoefficientOptions withEtaSearch(EtaSearch search) {
        return new CoefficientOptions(descriptor, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, search);
    }

    public CoefficientOptions withDescriptor(LambdaSoap.Hypers d) {
        return new CoefficientOptions(d, zeta, eta, sparsePerSpecies, decay, eigenvalueCutoff, solver, directMaxDimension, cgTolerance, cgMaxIterations, baseline, seed, etaSearch);
    }
}
