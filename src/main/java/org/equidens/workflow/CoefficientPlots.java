package org.equidens.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.io.Plots;
import org.equidens.model.CoefficientMetrics;
import org.equidens.structure.Atoms;

/**
 * The plots of a density / response model on a test or validation set, written by {@code train} and
 * {@code validate}: parity of the coefficients per (element, λ) block, histogram of the per-structure
 * % RMSE, and for responses parity of α from the predicted coefficients against the reference α.
 */
public final class CoefficientPlots {
    /** A scatter plot of a million points is slow to draw and no more readable than one of this many. */
    static final int MAX_POINTS = 20000;

    private CoefficientPlots() {}

    /**
     * Writes coefficient_parity.png, error_histogram.png and, when {@code alphaReference} holds any α
     * (responses), alpha_parity.png into {@code dir}.
     *
     * @param predicted, reference per structure rows × ncoef, internal m order
     * @param alphaReference per structure 9 numbers (bohr³) or null entries; null for a density
     */
    public static void write(Path dir, String title, List<Atoms> structures, BasisSet basis, List<double[]> predicted, List<double[]> reference,
                             int rows, CoefficientMetrics.PerStructure[] metrics, List<double[]> alphaReference) {
        long total = 0;
        for (double[] p : predicted) total += p.length;
        long stride = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS); // every stride-th coefficient: deterministic thinning
        Map<String, List<double[]>> blocks = new TreeMap<>();
        long index = 0;
        for (int k = 0; k < structures.size(); k++) {
            BasisFunctions bf = new BasisFunctions(basis, structures.get(k));
            int nc = bf.size();
            String[] label = new String[nc];
            for (int sh = 0; sh < bf.shells(); sh++) {
                int l = bf.shellL(sh), off = bf.shellOffset(sh);
                for (int m = 0; m < 2 * l + 1; m++) label[off + m] = bf.symbol(bf.shellAtom(sh)) + " λ=" + l;
            }
            double[] p = predicted.get(k), r = reference.get(k);
            for (int i = 0; i < p.length; i++, index++)
                if (index % stride == 0) blocks.computeIfAbsent(label[i % nc], x -> new ArrayList<>()).add(new double[] {r[i], p[i]});
        }
        Map<String, double[][]> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : blocks.entrySet()) groups.put(e.getKey(), columns(e.getValue()));
        Plots.parity(dir.resolve("coefficient_parity.png"), title + ": " + (rows == 3 ? "response" : "density") + " coefficients"
                + (stride > 1 ? " (1 in " + stride + ")" : ""), "", groups);

        double[] pct = new double[metrics.length];
        for (int t = 0; t < pct.length; t++) pct[t] = metrics[t].percent();
        Plots.histogram(dir.resolve("error_histogram.png"), title + ": error per structure (" + pct.length + " structures)",
                "% RMSE (overlap metric)", pct, Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(pct.length)))));

        if (rows == 3 && alphaReference != null && alphaReference.stream().anyMatch(java.util.Objects::nonNull)) {
            Map<String, double[][]> alpha = new LinkedHashMap<>();
            String[] names = {"xx", "yy", "zz", "off-diagonal"};
            for (int g = 0; g < 4; g++) {
                List<double[]> pts = new ArrayList<>();
                for (int t = 0; t < metrics.length; t++) {
                    if (alphaReference.get(t) == null) continue;
                    int[] comps = g < 3 ? new int[] {4 * g} : new int[] {1, 2, 3, 5, 6, 7};
                    for (int c : comps) pts.add(new double[] {alphaReference.get(t)[c], metrics[t].alphaPredicted()[c]});
                }
                alpha.put(names[g], columns(pts));
            }
            Plots.parity(dir.resolve("alpha_parity.png"), "α from predicted coefficients vs CPKS α", "bohr³", alpha);
        }
    }

    private static double[][] columns(List<double[]> pts) {
        double[][] xy = new double[2][pts.size()];
        for (int q = 0; q < pts.size(); q++) {
            xy[0][q] = pts.get(q)[0];
            xy[1][q] = pts.get(q)[1];
        }
        return xy;
    }
}
