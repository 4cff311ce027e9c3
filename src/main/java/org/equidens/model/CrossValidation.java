package org.equidens.model;

import java.util.Arrays;
import org.equidens.kernel.SparseSelection;
import org.equidens.linalg.Blas;

/**
 * k-fold cross-validation of the ridge parameter η on a fixed design matrix Ψ. Folds are made of
 * whole groups of rows (a structure's 2λ+1 components, or all rows of a structure), never split
 * inside a group, since those rows are not independent. Group-to-fold assignment is a seeded random
 * permutation dealt round-robin, so folds differ in size by at most one group. Each fold's normal
 * equations are accumulated once; every η is then one Cholesky per fold.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * @param etas   the grid, as given
     * @param errors RMSE over all held-out rows for each η
     * @param best   index of the smallest error (first one on ties)
     */
    public record Result(double[] etas, double[] errors, int best, int folds) {
        public double bestEta() {
            return etas[best];
        }
    }

    /** n points log-spaced from {@code from} to {@code to} inclusive. */
    public static double[] logGrid(double from, double to, int n) {
        if (!(from > 0 && to > 0) || n < 1) throw new IllegalArgumentException("need positive bounds and n >= 1");
        double[] g = new double[n];
        double lf = Math.log(from), lt = Math.log(to);
        for (int i = 0; i < n; i++) g[i] = n == 1 ? from : Math.exp(lf + (lt - lf) * i / (n - 1));
        return g;
    }

    /** Groups of equal size: group g = rows g·size .. (g+1)·size−1. */
    public static int[] uniformGroups(int rows, int size) {
        if (size < 1 || rows % size != 0) throw new IllegalArgumentException("rows must be a multiple of the group size");
        int[] off = new int[rows / size + 1];
        for (int g = 0; g < off.length; g++) off[g] = g * size;
        return off;
    }

    /**
     * @param psi          rows × d design matrix
     * @param groupOffsets group g owns rows groupOffsets[g]..groupOffsets[g+1]−1
     */
    public static Result eta(double[] psi, int rows, int d, double[] y, int[] groupOffsets, int folds, double[] etas, long seed) {
        if (psi.length != (long) rows * d || y.length != rows) throw new IllegalArgumentException("Ψ must be rows×d and y of length rows");
        int groups = groupOffsets.length - 1;
        if (groupOffsets[0] != 0 || groupOffsets[groups] != rows) throw new IllegalArgumentException("group offsets must cover all rows");
        if (folds < 2 || folds > groups) throw new IllegalArgumentException("need 2 <= folds <= groups (" + groups + ")");
        if (etas.length == 0) throw new IllegalArgumentException("empty η grid");
        int[] order = SparseSelection.random(groups, groups, seed).indices();
        int[][] foldGroups = new int[folds][];
        for (int f = 0; f < folds; f++) {
            int count = (groups - f + folds - 1) / folds;
            foldGroups[f] = new int[count];
            for (int k = 0; k < count; k++) foldGroups[f][k] = order[f + k * folds];
            Arrays.sort(foldGroups[f]);
        }
        NormalEquations[] ne = new NormalEquations[folds];
        double[][] fPsi = new double[folds][];
        double[][] fY = new double[folds][];
        int[] fRows = new int[folds];
        for (int f = 0; f < folds; f++) {
            int n = 0;
            for (int g : foldGroups[f]) n += groupOffsets[g + 1] - groupOffsets[g];
            fRows[f] = n;
            fPsi[f] = new double[n * d];
            fY[f] = new double[n];
            int r = 0;
            for (int g : foldGroups[f]) {
                for (int row = groupOffsets[g]; row < groupOffsets[g + 1]; row++, r++) {
                    System.arraycopy(psi, row * d, fPsi[f], r * d, d);
                    fY[f][r] = y[row];
                }
            }
            ne[f] = new NormalEquations(d);
            ne[f].add(fPsi[f], n, fY[f]);
        }
        double[] sse = new double[etas.length];
        for (int f = 0; f < folds; f++) {
            NormalEquations train = new NormalEquations(d);
            for (int o = 0; o < folds; o++) if (o != f) train.add(ne[o]);
            double[] pred = new double[fRows[f]];
            for (int e = 0; e < etas.length; e++) {
                double[] w = train.solve(etas[e]);
                if (fRows[f] > 0) Blas.gemv(false, fRows[f], d, 1.0, fPsi[f], w, 0.0, pred);
                for (int r = 0; r < fRows[f]; r++) {
                    double diff = pred[r] - fY[f][r];
                    sse[e] += diff * diff;
                }
            }
        }
        double[] rmse = new double[etas.length];
        int best = 0;
        for (int e = 0; e < etas.length; e++) {
            rmse[e] = Math.sqrt(sse[e] / rows);
            if (rmse[e] < rmse[best]) best = e;
        }
        return new Result(etas.clone(), rmse, best, folds);
    }
}
