package org.equidens.model;

import org.equidens.properties.CartesianTensors.Decomposition;

/**
 * A calibrated {@link Committee} per λ block on top of a trained {@link TensorModel}: the members
 * reuse the model's sparse sets, projectors (RKHS) and λ=0 baseline, and differ only in the random
 * subsample of training structures their weights are fitted on. α is calibrated per λ on a
 * separate set of structures the members never saw.
 *
 * <p>The prediction is the committee mean (what α was calibrated for), so a model with a committee
 * predicts slightly less accurately than the single model trained on every structure. The
 * Cartesian standard deviation propagates the spherical ones through the orthonormal basis B,
 * Var(T_c) = Σ_{λμ} B²_{λμ,c} σ²_{λμ}, treating the spherical components as independent.
 *
 * <p>Calibration ({@link Calibration}): Musil et al.'s maximum-likelihood α (default) matches the
 * mean of r²/s², right for Gaussian r/s; {@link Calibration#COVERAGE} takes α as the 68.27 % quantile
 * of |r|/s on the calibration set, so ±σ is a 68 % interval by construction even for heavy-tailed
 * errors (a robust, MAD-like scale that understates the RMS of the tail). Either way, components
 * fixed by symmetry ({@link #informativeFloor}) must be left out when coverage is measured: on the
 * water monomers, which lie in a common mirror plane, 2 of α's 5 λ=2 components are zero in target,
 * prediction and spread, and counting them as "inside ±σ" turned a calibrated 68 % into 80 %.
 */
public final class TensorCommittee {
    /** Spherical and Cartesian means and standard deviations, structures × size. */
    public record Prediction(double[] spherical, double[] sphericalStd, double[] cartesian, double[] cartesianStd) {}

    /** How α is fitted on the calibration residuals. */
    public enum Calibration {
        /** Musil et al.'s maximum likelihood (with the finite-committee correction of the options). */
        LIKELIHOOD,
        /** α = 68.27 % quantile of |r|/s: ±1σ covers 68 % of calibration errors. */
        COVERAGE
    }

    private final TensorModel model;
    private final Committee[] committees;

    private TensorCommittee(TensorModel model, Committee[] committees) {
        this.model = model;
        this.committees = committees;
    }

    /**
     * @param model       trained model (its RKHS and baseline are reused)
     * @param train       structures the members subsample from
     * @param trainY      their Cartesian targets
     * @param calibration held-out structures for α
     * @param calibY      their Cartesian targets
     */
    public static TensorCommittee fit(TensorModel model, FeatureSet train, double[] trainY, FeatureSet calibration, double[] calibY,
                                      Committee.Options options) {
        return fit(model, train, trainY, calibration, calibY, options, Calibration.LIKELIHOOD);
    }

    /** As above with the choice of calibration. */
    public static TensorCommittee fit(TensorModel model, FeatureSet train, double[] trainY, FeatureSet calibration, double[] calibY,
                                      Committee.Options options, Calibration how) {
        return fit(model, train, trainY, calibration, calibY, options, how, null);
    }

    /** As above; finished members of block k are kept in {@code stores.apply(k)} (null: none) across a restart. */
    public static TensorCommittee fit(TensorModel model, FeatureSet train, double[] trainY, FeatureSet calibration, double[] calibY,
                                      Committee.Options options, Calibration how, java.util.function.IntFunction<Committee.MemberStore> stores) {
        int nb = model.decomposition().lambdas().length;
        double[][] psi = new double[nb][], cpsi = new double[nb][];
        for (int k = 0; k < nb; k++) {
            psi[k] = model.featureMap(k).structurePsi(train);
            cpsi[k] = model.featureMap(k).structurePsi(calibration);
        }
        return fit(model, psi, TensorModel.atomCounts(train), trainY, cpsi, TensorModel.atomCounts(calibration), calibY, options, how, stores);
    }

    /**
     * As above from structure Ψ rows per block (made with the model's feature maps), for the streaming
     * path that never holds the features of all structures.
     */
    public static TensorCommittee fit(TensorModel model, double[][] trainPsi, int[] trainAtoms, double[] trainY, double[][] calibPsi,
                                      int[] calibAtoms, double[] calibY, Committee.Options options, Calibration how,
                                      java.util.function.IntFunction<Committee.MemberStore> stores) {
        Decomposition dec = model.decomposition();
        int[] lambdas = dec.lambdas();
        int nt = trainAtoms.length, nc = calibAtoms.length;
        double[] ys = dec.toSpherical(trainY, nt), yc = dec.toSpherical(calibY, nc);
        Committee[] out = new Committee[lambdas.length];
        for (int k = 0; k < lambdas.length; k++) {
            int c = 2 * lambdas[k] + 1;
            RkhsFeatureMap map = model.featureMap(k);
            double[] psi = trainPsi[k], cpsi = calibPsi[k];
            double[] y = dec.block(ys, nt, k), cy = dec.block(yc, nc, k);
            if (lambdas[k] == 0) {
                for (int s = 0; s < nt; s++) y[s] -= model.baselinePerAtom() * trainAtoms[s];
                for (int s = 0; s < nc; s++) cy[s] -= model.baselinePerAtom() * calibAtoms[s];
            }
            Committee.Options o = new Committee.Options(options.members(), options.minFraction(), options.maxFraction(),
                    options.seed() + 7919L * k, options.finiteSizeCorrection());
            out[k] = Committee.fit(null, psi, y.length, map.dimension(), y, CrossValidation.uniformGroups(y.length, c),
                    model.regression(k).eta(), cpsi, cy, o, stores == null ? null : stores.apply(k));
            out[k] = recalibrated(out[k], cpsi, cy, how, options.finiteSizeCorrection());
        }
        return new TensorCommittee(model, out);
    }

    /** α again from the calibration rows whose spread is informative (above {@link #informativeFloor}). */
    private static Committee recalibrated(Committee fitted, double[] cpsi, double[] cy, Calibration how, boolean finiteSizeCorrection) {
        SparseGpr[] members = new SparseGpr[fitted.size()];
        for (int i = 0; i < members.length; i++) members[i] = fitted.member(i);
        Committee raw = Committee.fromParts(members, 1.0);
        Committee.Prediction p = raw.predict(cpsi, cy.length);
        double[] z = new double[cy.length];
        double floor = informativeFloor(p.std());
        int n = 0;
        for (int i = 0; i < cy.length; i++) if (p.std()[i] > floor) z[n++] = Math.abs(cy[i] - p.mean()[i]) / p.std()[i];
        if (n == 0) throw new ArithmeticException("no calibration row with a non-zero committee spread");
        z = java.util.Arrays.copyOf(z, n);
        if (how == Calibration.LIKELIHOOD) {
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            return Committee.fromParts(members, Committee.calibrationFactor(z, ones, members.length, finiteSizeCorrection));
        }
        java.util.Arrays.sort(z);
        double q = 0.6827 * (n - 1);
        int lo = (int) Math.floor(q);
        double alpha = lo + 1 < n ? z[lo] + (q - lo) * (z[lo + 1] - z[lo]) : z[lo];
        return Committee.fromParts(members, alpha);
    }

    /**
     * Spreads at or below 1e-9 of the largest are round-off: components fixed by symmetry (e.g. α_xy of
     * a mirror-symmetric molecule lying in a symmetry plane) have prediction, target and spread all
     * zero to machine precision, and |r|/s there is noise, not information. Calibration and coverage
     * skip them.
     */
    public static double informativeFloor(double[] spreads) {
        double max = 0;
        for (double v : spreads) max = Math.max(max, v);
        return 1e-9 * max;
    }

    /** From saved parts: one committee per λ block of the model. */
    public static TensorCommittee fromParts(TensorModel model, Committee[] committees) {
        if (committees.length != model.decomposition().lambdas().length) throw new IllegalArgumentException("one committee per λ block");
        return new TensorCommittee(model, committees.clone());
    }

    public TensorModel model() {
        return model;
    }

    public Committee committee(int block) {
        return committees[block];
    }

    public Prediction predict(FeatureSet data) {
        double[][] psi = new double[committees.length][];
        for (int k = 0; k < psi.length; k++) psi[k] = model.featureMap(k).structurePsi(data);
        return predict(psi, TensorModel.atomCounts(data));
    }

    /** As above from structure Ψ rows per block (made with the model's feature maps). */
    public Prediction predict(double[][] psi, int[] atoms) {
        Decomposition dec = model.decomposition();
        int s = atoms.length, m = dec.sphericalSize(), n = dec.cartesianSize();
        int[] lambdas = dec.lambdas();
        double[] mean = new double[s * m], std = new double[s * m];
        for (int k = 0; k < lambdas.length; k++) {
            int c = 2 * lambdas[k] + 1, off = dec.offset(k);
            Committee.Prediction p = committees[k].predict(psi[k], s * c);
            for (int st = 0; st < s; st++) {
                for (int mu = 0; mu < c; mu++) {
                    mean[st * m + off + mu] = p.mean()[st * c + mu];
                    std[st * m + off + mu] = p.std()[st * c + mu];
                }
                if (lambdas[k] == 0) mean[st * m + off] += model.baselinePerAtom() * atoms[st];
            }
        }
        double[] basis = dec.basis(), cart = dec.toCartesian(mean, s), cstd = new double[s * n];
        for (int st = 0; st < s; st++)
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int r = 0; r < m; r++) v += basis[r * n + j] * basis[r * n + j] * std[st * m + r] * std[st * m + r];
                cstd[st * n + j] = Math.sqrt(v);
            }
        return new Prediction(mean, std, cart, cstd);
    }
}
