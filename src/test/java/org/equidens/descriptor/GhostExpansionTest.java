package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.realspace.GhostSoapFeatures;
import org.equidens.structure.Atoms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Ghost-centre SOAP expansion: identity with the atom-centred one, rotations, lattice translations. */
class GhostExpansionTest {
    static final SphericalExpansion.Hypers HYPERS = SphericalExpansion.Hypers.of(4.0, 0.3, 6, 4).withSpecies(1, 8);

    /** n atoms, H and O, uniformly in a box (mutual distances ≥ 0.7 Å). */
    static double[] positions(SplittableRandom rng, int n, double[] cellRows) {
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            retry:
            while (true) {
                double u = rng.nextDouble(), v = rng.nextDouble(), w = rng.nextDouble();
                for (int k = 0; k < 3; k++) pos[3 * i + k] = u * cellRows[k] + v * cellRows[3 + k] + w * cellRows[6 + k];
                for (int j = 0; j < i; j++) {
                    double d2 = 0;
                    for (int k = 0; k < 3; k++) d2 += Math.pow(pos[3 * i + k] - pos[3 * j + k], 2);
                    if (d2 < 0.49) continue retry;
                }
                break;
            }
        }
        return pos;
    }

    static String[] symbols(int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) s[i] = i % 3 == 0 ? "O" : "H";
        return s;
    }

    static final double[] SMALL_CELL = {5.0, 0, 0, 0.8, 4.6, 0, -0.5, 0.7, 5.3}; // heights < rc: own images seen
    static final double[] LARGE_CELL = {9.5, 0, 0, 1.0, 9.0, 0, -0.8, 1.1, 9.8}; // heights > rc

    static Atoms periodic(double[] cell, String[] symbols, double[] pos) {
        return new Atoms(symbols, pos, cell, new boolean[] {true, true, true}, null, null);
    }

    static Atoms without(Atoms a, int i) {
        int n = a.size();
        String[] s = new String[n - 1];
        double[] p = new double[3 * (n - 1)];
        for (int j = 0, k = 0; j < n; j++) {
            if (j == i) continue;
            s[k] = a.symbol(j);
            System.arraycopy(a.positions(), 3 * j, p, 3 * k, 3);
            k++;
        }
        return new Atoms(s, p, a.cell(), a.pbc(), null, null);
    }

    static double maxAbsDiff(double[] a, int ao, double[] b, int bo, int len) {
        double m = 0;
        for (int k = 0; k < len; k++) m = Math.max(m, Math.abs(a[ao + k] - b[bo + k]));
        return m;
    }

    /** (a) a ghost on an atom that was removed = that atom's expansion without its self term; on a kept atom = with w_c = 1. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"molecule", "large cell", "small cell", "slab"})
    void ghostOnAnAtomIsTheAtomCentredExpansion(String kind) {
        SplittableRandom rng = new SplittableRandom(kind.hashCode());
        Atoms s = switch (kind) {
            case "molecule" -> Atoms.molecule(symbols(9), positions(rng, 9, new double[] {5, 0, 0, 0, 4, 0, 0, 0, 4.5}));
            case "large cell" -> periodic(LARGE_CELL, symbols(24), positions(rng, 24, LARGE_CELL));
            case "slab" -> new Atoms(symbols(8), positions(rng, 8, SMALL_CELL), SMALL_CELL, new boolean[] {true, false, true}, null, null);
            default -> periodic(SMALL_CELL, symbols(8), positions(rng, 8, SMALL_CELL));
        };
        SphericalExpansion noSelf = new SphericalExpansion(HYPERS.withCenterAtomWeight(0));
        SphericalExpansion withSelf = new SphericalExpansion(HYPERS.withCenterAtomWeight(1));
        Expansion ref0 = noSelf.compute(s), ref1 = withSelf.compute(s);
        int stride = ref0.centreStride();
        // kept atoms: every atom at once, w_c = 1 (own periodic images included)
        GhostExpansion all = new GhostExpansion(withSelf, s);
        Expansion g1 = all.compute(s.positions(), s.size());
        assertEquals(stride, g1.centreStride());
        double scale = Arrays.stream(ref1.values()).map(Math::abs).max().orElseThrow();
        assertTrue(scale > 0.1, "non-trivial expansion");
        assertTrue(maxAbsDiff(g1.values(), 0, ref1.values(), 0, ref1.values().length) < 1e-12, "ghosts on kept atoms vs w_c = 1");
        // removed atom: only where the atom does not see its own images (not in the small cell)
        if (!kind.equals("small cell") && !kind.equals("slab")) {
            for (int i = 0; i < s.size(); i++) {
                Atoms rest = without(s, i);
                Expansion g0 = new GhostExpansion(noSelf, rest).compute(Arrays.copyOfRange(s.positions(), 3 * i, 3 * i + 3), 1);
                double d = maxAbsDiff(g0.values(), 0, ref0.values(), i * stride, stride);
                assertTrue(d < 1e-12, kind + ", atom " + i + ": " + d);
                assertEquals(GhostExpansion.GHOST_SPECIES, g0.centerSpecies(0));
            }
        }
    }

    /** (b) rotating structure and points together: raw expansion rotates by D^l(R), invariant features do not change. */
    @Test
    void rotationRotatesTheBlocksAndKeepsTheInvariants() {
        SplittableRandom rng = new SplittableRandom(11);
        int na = 10, np = 40;
        double[] pos = positions(rng, na, new double[] {5, 0, 0, 0, 5, 0, 0, 0, 5});
        double[] pts = new double[3 * np];
        for (int k = 0; k < pts.length; k++) pts[k] = -1.5 + 8 * rng.nextDouble();
        Atoms mol = Atoms.molecule(symbols(na), pos);
        SphericalExpansion calc = new SphericalExpansion(HYPERS);
        Expansion e = new GhostExpansion(calc, mol).compute(pts, np);
        double[] f = InvariantPowerSpectrum.computeFlat(e);
        for (int trial = 0; trial < 3; trial++) {
            double[] r = trial == 2 ? Rotations.improperRandom(rng) : Rotations.random(rng);
            double[] pos2 = rotate(r, pos), pts2 = rotate(r, pts);
            Expansion e2 = new GhostExpansion(calc, Atoms.molecule(symbols(na), pos2)).compute(pts2, np);
            double[] f2 = InvariantPowerSpectrum.computeFlat(e2);
            double fmax = Arrays.stream(f).map(Math::abs).max().orElseThrow();
            assertTrue(maxAbsDiff(f, 0, f2, 0, f.length) < 1e-10 * Math.max(1, fmax), "invariant features");
            double[][] d = WignerD.upTo(HYPERS.maxAngular(), r);
            int k = e.lmStride();
            double worst = 0;
            for (int p = 0; p < np; p++)
                for (int l = 0; l <= e.lmax(); l++)
                    for (int m = -l; m <= l; m++)
                        for (int j = 0; j < k; j++) {
                            double want = 0;
                            for (int m2 = -l; m2 <= l; m2++)
                                want += d[l][(m + l) * (2 * l + 1) + m2 + l] * e.values()[p * e.centreStride() + (l * l + l + m2) * k + j];
                            worst = Math.max(worst, Math.abs(want - e2.values()[p * e.centreStride() + (l * l + l + m) * k + j]));
                        }
            assertTrue(worst < 1e-12, "D^l(R) c_l: " + worst);
        }
        // points beyond the cutoff of every atom have zero expansion
        Expansion far = new GhostExpansion(calc, mol).compute(new double[] {30, 0, 0, -20, 5, 5}, 2);
        assertTrue(Arrays.stream(far.values()).allMatch(v -> v == 0.0));
    }

    static double[] rotate(double[] r, double[] xyz) {
        double[] out = new double[xyz.length];
        for (int i = 0; i < xyz.length; i += 3) {
            double[] v = Rotations.apply(r, xyz[i], xyz[i + 1], xyz[i + 2]);
            System.arraycopy(v, 0, out, i, 3);
        }
        return out;
    }

    /** (c) periodic: a point and its lattice translates have the same expansion and features. */
    @Test
    void latticeTranslatesOfAPointAreEquivalent() {
        SplittableRandom rng = new SplittableRandom(5);
        Atoms s = periodic(SMALL_CELL, symbols(8), positions(rng, 8, SMALL_CELL));
        double[] h = SMALL_CELL;
        int np = 30;
        double[] pts = new double[3 * np], moved = new double[3 * np];
        for (int p = 0; p < np; p++) {
            double u = rng.nextDouble() * 1.4 - 0.2, v = rng.nextDouble(), w = rng.nextDouble();
            int a = rng.nextInt(-3, 4), b = rng.nextInt(-3, 4), c = rng.nextInt(-3, 4);
            for (int k = 0; k < 3; k++) {
                pts[3 * p + k] = u * h[k] + v * h[3 + k] + w * h[6 + k];
                moved[3 * p + k] = pts[3 * p + k] + a * h[k] + b * h[3 + k] + c * h[6 + k];
            }
        }
        GhostExpansion g = new GhostExpansion(new SphericalExpansion(HYPERS), s);
        Expansion e = g.compute(pts, np), e2 = g.compute(moved, np);
        assertTrue(maxAbsDiff(e.values(), 0, e2.values(), 0, e.values().length) < 1e-12);
        // bohr-level features through GhostSoapFeatures agree as well
        GhostSoapFeatures f = new GhostSoapFeatures(g);
        double[] a = new double[np * f.size()], b = new double[np * f.size()];
        double bohr = org.equidens.basis.Units.BOHR_IN_ANGSTROM;
        double[] pb = pts.clone(), mb = moved.clone();
        for (int k = 0; k < pb.length; k++) {
            pb[k] /= bohr;
            mb[k] /= bohr;
        }
        f.computeAll(pb, np, a);
        f.computeAll(mb, np, b);
        double fmax = Arrays.stream(a).map(Math::abs).max().orElseThrow();
        assertTrue(fmax > 0);
        assertTrue(maxAbsDiff(a, 0, b, 0, a.length) < 1e-10 * Math.max(1, fmax));
        // one point at a time = the batch
        double[] one = new double[f.size()];
        f.compute(Arrays.copyOfRange(pb, 3 * 7, 3 * 7 + 3), one);
        assertTrue(maxAbsDiff(one, 0, a, 7 * f.size(), f.size()) == 0.0);
    }

    /** λ = 1 ghost features: the x, y, z rows of rotated configurations are R times the original rows. */
    @Test
    void vectorComponentFeaturesRotateAsAVector() {
        SplittableRandom rng = new SplittableRandom(23);
        int na = 7, np = 12;
        double[] pos = positions(rng, na, new double[] {4, 0, 0, 0, 4, 0, 0, 0, 4});
        double[] pts = new double[3 * np];
        for (int k = 0; k < pts.length; k++) pts[k] = (-1 + 6 * rng.nextDouble()) / org.equidens.basis.Units.BOHR_IN_ANGSTROM;
        double[] r = Rotations.improperRandom(rng);
        double[][] before = new double[3][], after = new double[3][];
        int f = 0;
        double[] ptsA = new double[pts.length];
        for (int k = 0; k < pts.length; k += 3) System.arraycopy(Rotations.apply(r, pts[k], pts[k + 1], pts[k + 2]), 0, ptsA, k, 3);
        for (int axis = 0; axis < 3; axis++) {
            GhostSoapFeatures g = GhostSoapFeatures.vectorComponent(Atoms.molecule(symbols(na), pos), HYPERS, axis);
            GhostSoapFeatures h = GhostSoapFeatures.vectorComponent(Atoms.molecule(symbols(na), rotate(r, pos)), HYPERS, axis);
            f = g.size();
            before[axis] = new double[np * f];
            after[axis] = new double[np * f];
            g.computeAll(pts, np, before[axis]);
            h.computeAll(ptsA, np, after[axis]);
        }
        assertTrue(f > 0);
        double worst = 0, scale = 0;
        for (int i = 0; i < np * f; i++)
            for (int a = 0; a < 3; a++) {
                double want = r[3 * a] * before[0][i] + r[3 * a + 1] * before[1][i] + r[3 * a + 2] * before[2][i];
                worst = Math.max(worst, Math.abs(want - after[a][i]));
                scale = Math.max(scale, Math.abs(before[a][i]));
            }
        assertTrue(scale > 1e-3, "non-trivial features");
        assertTrue(worst < 1e-10 * Math.max(1, scale), "λ = 1 rows as a vector: " + worst);
    }
}
