package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.equidens.io.ExtXyz;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timings on realistic sizes (σ 0.3, N 8, lmax 6, GTO radius 4): the 96-atom bulk water frame
 * (periodic, k-space) and a 2057-atom water cluster cut from it (molecular, exact O(N²)). Run with
 * {@code -Dequidens.lode.timing=true}; the bulk frame alone runs by default as a smoke test.
 */
class LodeTimingTest {
    private static final Path BULK = Path.of("data/water-tensors/bulk_1000.xyz");
    private static final LodeSphericalExpansion.Hyperparameters HYPER = LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 4.0, 8, 6);

    @Test
    void bulkWaterFrame() {
        Atoms frame = ExtXyz.read(BULK, 0);
        long t0 = System.nanoTime();
        var calc = new LodeSphericalExpansion(HYPER);
        long t1 = System.nanoTime();
        var first = calc.compute(frame);
        long t2 = System.nanoTime();
        var again = calc.compute(frame);
        long t3 = System.nanoTime();
        int nk = LodeSphericalExpansion.kVectors(org.equidens.structure.Cell.of(frame), HYPER.kCutoff()).length / 3;
        System.out.printf("bulk water, %d atoms, V = %.0f Å³, %d half-space k vectors: setup %.0f ms, first %.0f ms, warm %.0f ms%n",
                frame.size(), org.equidens.structure.Cell.of(frame).volume(), nk, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        assertEquals(96 * 49 * 2 * 8, first.values().length);
        assertTrue(Arrays.equals(first.values(), again.values()));
        assertTrue(Arrays.stream(first.values()).allMatch(Double::isFinite));
    }

    @Test
    @EnabledIfSystemProperty(named = "equidens.lode.timing", matches = "true")
    void largeMolecule() {
        Atoms cluster = cluster(ExtXyz.read(BULK, 0), 2057);
        var calc = new LodeSphericalExpansion(HYPER);
        long t0 = System.nanoTime();
        calc.coulombIntegral();
        long t1 = System.nanoTime();
        var small = calc.compute(Atoms.molecule(new String[] {"O", "H", "H"}, new double[] {0, 0, 0, 0.757, 0.586, 0, -0.757, 0.586, 0}));
        long t2 = System.nanoTime();
        var first = calc.compute(cluster);
        long t3 = System.nanoTime();
        calc.compute(cluster);
        long t4 = System.nanoTime();
        System.out.printf("cluster of %d atoms: exact I^V table %.0f ms, spline %.0f ms, expansion first %.0f ms, warm %.0f ms%n",
                cluster.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        assertTrue(small.values().length > 0 && Arrays.stream(first.values()).allMatch(Double::isFinite));
    }

    /** Whole water molecules from a 3×3×3 replica of the frame, closest to its centre, minus one H. */
    static Atoms cluster(Atoms frame, int atoms) {
        double[] cell = frame.cell();
        double side = cell[0];
        int n = frame.size();
        // molecules: each O with its two nearest H (minimum image in the cubic cell)
        java.util.List<double[]> molecules = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!frame.symbol(i).equals("O")) continue;
            final int o = i;
            double[][] hs = IntStream.range(0, n).filter(j -> frame.symbol(j).equals("H")).mapToObj(j -> {
                double[] d = new double[3];
                for (int k = 0; k < 3; k++) {
                    double x = frame.x(j, k) - frame.x(o, k);
                    d[k] = x - side * Math.rint(x / side);
                }
                return d;
            }).sorted(Comparator.comparingDouble(d -> d[0] * d[0] + d[1] * d[1] + d[2] * d[2])).limit(2).toArray(double[][]::new);
            double[] m = new double[9];
            for (int k = 0; k < 3; k++) {
                m[k] = frame.x(o, k);
                m[3 + k] = m[k] + hs[0][k];
                m[6 + k] = m[k] + hs[1][k];
            }
            molecules.add(m);
        }
        java.util.List<double[]> all = new java.util.ArrayList<>();
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 3; c++) {
            for (double[] m : molecules) {
                double[] s = m.clone();
                for (int q = 0; q < 9; q += 3) { s[q] += a * side; s[q + 1] += b * side; s[q + 2] += c * side; }
                all.add(s);
            }
        }
        double centre = 1.5 * side;
        all.sort(Comparator.comparingDouble(m -> Math.pow(m[0] - centre, 2) + Math.pow(m[1] - centre, 2) + Math.pow(m[2] - centre, 2)));
        int nMol = (atoms + 2) / 3;
        double[] pos = new double[3 * atoms];
        String[] sym = new String[atoms];
        int q = 0;
        for (int i = 0; i < nMol && q < atoms; i++) {
            for (int k = 0; k < 3 && q < atoms; k++) {
                System.arraycopy(all.get(i), 3 * k, pos, 3 * q, 3);
                sym[q++] = k == 0 ? "O" : "H";
            }
        }
        return Atoms.molecule(sym, pos);
    }
}
