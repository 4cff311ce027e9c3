package org.equidens.model;

import org.equidens.util.Progress;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.equidens.kernel.SparseSelection;

/**
 * Calibrated committee of sparse-GPR models (Musil, Willatt, Langovoy, Ceriotti, JCTC 15, 906
 * (2019)): every member is trained on a random subsample of the training groups (structures), all
 * sharing the same RKHS (sparse set and projector), so a member costs one accumulation and one
 * Cholesky. The prediction is the member mean ȳ; the raw uncertainty is the member spread
 * s = √(Σ_k (y_k − ȳ)²/(n−1)). Subsampled members are far more alike than independent draws from
 * the posterior, so s is rescaled by α fitted by maximum likelihood on residuals of held-out data:
 * maximising Σ_i log N(r_i | 0, α² s_i²) gives α² = mean(r_i²/s_i²). By default Musil et al.'s
 * finite-committee form α² = −1/n + (n−3)/(n−1)·mean(r²/s²) is used: s² estimated from n members has
 * n−1 degrees of freedom, so r/s is t-distributed and E[r²/s²] is inflated by (n−1)/(n−3); without the
 * correction the intervals come out too wide (measured: 70–78 % instead of 68 % inside ±σ with n=8).
 *
 * <p>The residuals come from a separate validation set predicted by the full committee. Out-of-bag
 * residuals (each point predicted by the members that did not see it) were not used: with 8 members
 * and 50–80 % subsamples a point has on average 2–3 out-of-bag members, and a spread from that few
 * has so heavy-tailed a ratio r²/s² that its mean (hence α) is unstable (for n ≤ 3 it is infinite).
 */
public final class Committee {
    /**
     * @param members              committee size (≥ 2)
     * @param minFraction          each member trains on a uniformly drawn fraction in
     * @param maxFraction          [minFraction, maxFraction] of the training groups
     * @param seed                 seeds the fractions and subsets
     * @param finiteSizeCorrection use Musil et al.'s corrected α² (clamped at 1e-12); false: plain ML
     */
    public record Options(int members, double minFraction, double maxFraction, long seed, boolean finiteSizeCorrection) {
        public Options {
            if (members < 2) throw new IllegalArgumentException("a committee needs at least 2 members");
            if (!(minFraction > 0 && minFraction <= maxFraction && maxFraction <= 1))
                throw new IllegalArgumentException("need 0 < minFraction <= maxFraction <= 1");
        }

        /** 8 members on 50–80 % subsamples, α with Musil et al.'s finite-committee correction. */
        public static Options defaults(long seed) {
            return new Options(8, 0.5, 0.8, seed, true);
        }
    }

    /** Calibrated mean and standard deviation per predicted row. */
    public record Prediction(double[] mean, double[] std) {}

    private final SparseGpr[] members;
    private final double alpha;

    private Committee(SparseGpr[] members, double alpha) {
        this.members = members;
        this.alpha = alpha;
    }

    /**
     * Trains the committee on design rows Ψ (rows × d) grouped by {@code groupOffsets}, then
     * calibrates α on the validation rows (calibPsi, calibY).
     */
    public static Committee fit(RkhsProjector projector, double[] psi, int rows, int d, double[] y, int[] groupOffsets,
                                double eta, double[] calibPsi, double[] calibY, Options options) {
        return fit(projector, psi, rows, d, y, groupOffsets, eta, calibPsi, calibY, options, null);
    }

    /** Where finished members are kept across a restart: their RKHS weights, exact. */
    public interface MemberStore {
        /** The weights of member k if it was fitted before, else null. */
        double[] load(int member);

        void save(int member, double[] weights);
    }

    /** As above; members found in {@code store} (null: none) are taken from it, new ones saved to it. */
    public static Committee fit(RkhsProjector projector, double[] psi, int rows, int d, double[] y, int[] groupOffsets,
                                double eta, double[] calibPsi, double[] calibY, Options options, MemberStore store) {
        if (psi.length != (long) rows * d || y.length != rows) throw new IllegalArgumentException("Ψ must be rows×d and y of length rows");
        int groups = groupOffsets.length - 1;
        if (groupOffsets[0] != 0 || groupOffsets[groups] != rows) throw new IllegalArgumentException("group offsets must cover all rows");
        SplittableRandom rng = new SplittableRandom(options.seed());
        SparseGpr[] members = new SparseGpr[options.members()];
        Progress.Task bar = Progress.task("committee members", members.length);
        for (int k = 0; k < members.length; k++) {
            double frac = options.minFraction() + (options.maxFraction() - options.minFraction()) * rng.nextDouble();
            int count = Math.max(1, (int) Math.round(frac * groups));
            long subsetSeed = rng.nextLong(); // drawn for stored members too: later members keep their subsamples
            double[] stored = store == null ? null : store.load(k);
            if (stored != null) {
                members[k] = SparseGpr.of(projector, stored, eta);
                bar.step();
                continue;
            }
            int[] subset = SparseSelection.random(groups, count, subsetSeed).indices();
            Arrays.sort(subset);
            int n = 0;
            for (int g : subset) n += groupOffsets[g + 1] - groupOffsets[g];
            double[] sp = new double[n * d], sy = new double[n];
            int r = 0;
            for (int g : subset) {
                int len = groupOffsets[g + 1] - groupOffsets[g];
                System.arraycopy(psi, groupOffsets[g] * d, sp, r * d, len * d);
                System.arraycopy(y, groupOffsets[g], sy, r, len);
                r += len;
            }
            NormalEquations ne = new NormalEquations(d);
            ne.add(sp, n, sy);
            members[k] = SparseGpr.fit(projector, ne, eta);
            if (store != null) store.save(k, members[k].weights());
            bar.step();
        }
        bar.close();
        Committee raw = new Committee(members, 1.0);
        int cRows = calibY.length;
        Prediction p = raw.predict(calibPsi, cRows);
        double[] res = new double[cRows];
        for (int i = 0; i < cRows; i++) res[i] = calibY[i] - p.mean()[i];
        double a = calibrationFactor(res, p.std(), members.length, options.finiteSizeCorrection());
        return new Committee(members, a);
    }

    /**
     * Maximum-likelihood α from residuals r_i and raw spreads s_i (rows with s_i = 0 are skipped).
     * With the correction: α² = −1/n + (n−3)/(n−1)·mean(r²/s²), n = committee size (needs n > 3).
     */
    public static double calibrationFactor(double[] residuals, double[] spreads, int members, boolean finiteSizeCorrection) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < residuals.length; i++) {
            if (spreads[i] > 0) {
                double z = residuals[i] / spreads[i];
                sum += z * z;
                count++;
            }
        }
        if (count == 0) throw new ArithmeticException("no validation row with a non-zero committee spread");
        double a2 = sum / count;
        if (finiteSizeCorrection) {
            if (members <= 3) throw new IllegalArgumentException("the finite-size correction needs more than 3 members");
            a2 = Math.max(1e-12, -1.0 / members + (members - 3.0) / (members - 1.0) * a2);
        }
        return Math.sqrt(a2);
    }

    /** A committee from saved parts (members' weights and the calibration factor α). */
    public static Committee fromParts(SparseGpr[] members, double alpha) {
        if (members.length < 2) throw new IllegalArgumentException("a committee needs at least 2 members");
        if (!(alpha >= 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("α must be finite and >= 0");
        return new Committee(members.clone(), alpha);
    }

    /** Mean and calibrated std (α × member spread) for design rows Ψ. */
    public Prediction predict(double[] psi, int rows) {
        int n = members.length;
        double[][] pred = new double[n][];
        for (int k = 0; k < n; k++) pred[k] = members[k].predict(psi, rows);
        double[] mean = new double[rows], std = new double[rows];
        for (int i = 0; i < rows; i++) {
            double m = 0;
            for (int k = 0; k < n; k++) m += pred[k][i];
            m /= n;
            double v = 0;
            for (int k = 0; k < n; k++) v += (pred[k][i] - m) * (pred[k][i] - m);
            mean[i] = m;
            std[i] = alpha * Math.sqrt(v / (n - 1));
        }
        return new Prediction(mean, std);
    }

    public double alpha() {
        return alpha;
    }

    public int size() {
        return members.length;
    }

    public SparseGpr member(int k) {
        return members[k];
    }
}
