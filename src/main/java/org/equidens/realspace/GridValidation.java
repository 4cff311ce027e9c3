package org.equidens.realspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.model.ResponseBenchmark;
import org.equidens.properties.Multipoles;
import org.equidens.structure.Atoms;

/**
 * A response model (or the reference coefficients) against reference response grids of held-out
 * molecules ({@link GridSamples} test grids): per molecule and field direction the relative L2 and
 * the normalised MAE ε on the grid, and α from the coefficients against CPKS α.
 */
public final class GridValidation {
    private GridValidation() {}

    /** One molecule: errors per direction x, y, z and α (row-major 3×3) from the coefficients and the reference α (null if absent). */
    public record PerMolecule(int frame, double[] relativeL2, double[] normalisedMae, double[] alpha, double[] alphaReference) {
        public double meanL2() {
            return (relativeL2[0] + relativeL2[1] + relativeL2[2]) / 3;
        }

        public double meanMae() {
            return (normalisedMae[0] + normalisedMae[1] + normalisedMae[2]) / 3;
        }
    }

    /** Summary over molecules: mean and max of the per-molecule direction-averaged L2 and ε; α RMSE over all components (bohr³). */
    public record Summary(int molecules, double meanL2, double maxL2, double meanMae, double maxMae, double alphaRmse) {}

    /**
     * @param coefficients per frame and atoms: 3 × ncoef response coefficients in internal m order on {@code basis}
     */
    public static List<PerMolecule> run(Dataset d, Path gridsFolder, BasisSet basis, BiFunction<Integer, Atoms, double[]> coefficients) {
        return run(d, gridsFolder, basis, coefficients, GridSamples.gridFrames(gridsFolder), 0);
    }

    /** The same on the test grids of {@code frames} only. */
    public static List<PerMolecule> run(Dataset d, Path gridsFolder, BasisSet basis, BiFunction<Integer, Atoms, double[]> coefficients, int[] frames) {
        return run(d, gridsFolder, basis, coefficients, frames, 0);
    }

    /**
     * As above, with the grid points closer than {@code excludeRadius} (bohr) to a nucleus left out of
     * both metrics (0: none), to separate the core region, where a 0.2–0.4 bohr grid cannot resolve the
     * tightest functions, from the rest.
     */
    public static List<PerMolecule> run(Dataset d, Path gridsFolder, BasisSet basis, BiFunction<Integer, Atoms, double[]> coefficients, int[] frames,
                                        double excludeRadius) {
        if (frames.length == 0) throw InputException.at(gridsFolder, "no test grids");
        for (int f : frames) if (f >= d.size()) throw InputException.at(gridsFolder, "test grid of frame " + f + ": the dataset has " + d.size() + " structures");
        List<double[]> alphaRef = ResponseBenchmark.reference(d, "alpha", frames);
        List<PerMolecule> out = new ArrayList<>();
        for (int t = 0; t < frames.length; t++) {
            int f = frames[t];
            Atoms atoms = d.structures().get(f);
            VolumetricData[] ref = GridSamples.readGrid(gridsFolder, f);
            double[] c = coefficients.apply(f, atoms);
            BasisFunctions bf = new BasisFunctions(basis, atoms);
            int nc = bf.size();
            if (c.length != 3 * nc) throw new IllegalArgumentException("expected 3×" + nc + " coefficients, got " + c.length);
            double[][] rows = new double[3][];
            for (int k = 0; k < 3; k++) rows[k] = java.util.Arrays.copyOfRange(c, k * nc, (k + 1) * nc);
            double[][] pred = RealSpaceBasis.of(bf, atoms).evaluate(rows, ref[0].grid());
            double[] l2 = new double[3], mae = new double[3];
            boolean[] keep = keep(ref[0].grid(), atoms, excludeRadius);
            for (int k = 0; k < 3; k++) {
                double[] p = select(pred[k], keep), r = select(ref[k].values(), keep);
                l2[k] = GridMetrics.relativeL2(p, r);
                mae[k] = GridMetrics.normalisedMae(p, r);
            }
            double[] alpha = Multipoles.polarizability(Multipoles.moments(bf), c);
            out.add(new PerMolecule(f, l2, mae, alpha, alphaRef.get(t)));
        }
        return out;
    }

    private static boolean[] keep(Grid g, Atoms atoms, double radius) {
        if (radius <= 0) return null;
        boolean[] keep = new boolean[g.size()];
        double r2 = radius * radius;
        for (int i = 0; i < keep.length; i++) {
            double[] p = g.point(i);
            boolean ok = true;
            for (int a = 0; a < atoms.size() && ok; a++) {
                double dd = 0;
                for (int c = 0; c < 3; c++) {
                    double x = p[c] - org.equidens.basis.Units.angstromToBohr(atoms.x(a, c));
                    dd += x * x;
                }
                ok = dd >= r2;
            }
            keep[i] = ok;
        }
        return keep;
    }

    private static double[] select(double[] v, boolean[] keep) {
        if (keep == null) return v;
        int n = 0;
        for (boolean b : keep) if (b) n++;
        double[] out = new double[n];
        for (int i = 0, j = 0; i < v.length; i++) if (keep[i]) out[j++] = v[i];
        return out;
    }

    public static Summary summary(List<PerMolecule> ps) {
        double sl = 0, ml = 0, se = 0, me = 0, sa = 0;
        int na = 0;
        for (PerMolecule p : ps) {
            sl += p.meanL2();
            ml = Math.max(ml, p.meanL2());
            se += p.meanMae();
            me = Math.max(me, p.meanMae());
            if (p.alphaReference() != null)
                for (int c = 0; c < 9; c++) {
                    double x = p.alpha()[c] - p.alphaReference()[c];
                    sa += x * x;
                    na++;
                }
        }
        int n = ps.size();
        return new Summary(n, sl / n, ml, se / n, me, na == 0 ? Double.NaN : Math.sqrt(sa / na));
    }

    /** The predicted field of one direction for a test frame, on its test grid (for profiles and cubes). */
    public static VolumetricData field(Path gridsFolder, int frame, Atoms atoms, BasisSet basis, double[] coefficients, int direction) {
        VolumetricData ref = GridSamples.readGrid(gridsFolder, frame)[direction];
        BasisFunctions bf = new BasisFunctions(basis, atoms);
        int nc = bf.size();
        double[] c = java.util.Arrays.copyOfRange(coefficients, direction * nc, (direction + 1) * nc);
        return new VolumetricData(ref.grid(), RealSpaceBasis.of(bf, atoms).evaluate(c, ref.grid()));
    }
}
