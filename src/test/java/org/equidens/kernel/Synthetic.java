package org.equidens.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.equidens.math.Rotations;
import org.equidens.math.SphericalHarmonics;
import org.equidens.math.WignerD;
import org.equidens.model.FeatureSet;

/**
 * Synthetic, exactly equivariant features for kernel and model tests: for an atom i of a point cloud,
 * f^λ_{μ,(a,q)}(i) = Σ_{j≠i, species a} g_q(r_ij) Y_λμ(r̂_ij) with Gaussian radial functions g_q.
 * They rotate with D^λ(R) because Y does. The λ=0 block additionally carries the invariants
 * Σ_μ f^l_{μ,p} f^l_{μ,p'} (l ≤ 2), so k0 separates environments well (like a power spectrum).
 */
public final class Synthetic {
    public static final int SEEDS = 12;

    private Synthetic() {}

    public static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    public static SplittableRandom rng(int seed) {
        return new SplittableRandom(0xC0FFEEL * 31 + seed);
    }

    /** A molecule-like cloud: positions (n×3, Å-ish), species in 0..nSpecies−1. */
    public record Structure(double[] positions, int[] species) {
        public int size() {
            return species.length;
        }

        public Structure rotated(double[] r) {
            double[] p = new double[positions.length];
            for (int i = 0; i < species.length; i++) {
                double[] q = Rotations.apply(r, positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
                System.arraycopy(q, 0, p, 3 * i, 3);
            }
            return new Structure(p, species.clone());
        }
    }

    /** n atoms uniformly in a ball of radius 2, at least 0.8 apart, random species. */
    public static Structure cloud(SplittableRandom rng, int n, int nSpecies) {
        double[] p = new double[3 * n];
        int[] sp = new int[n];
        for (int i = 0; i < n; i++) {
            while (true) {
                double x = 4 * rng.nextDouble() - 2, y = 4 * rng.nextDouble() - 2, z = 4 * rng.nextDouble() - 2;
                if (x * x + y * y + z * z > 4) continue;
                boolean ok = true;
                for (int j = 0; j < i && ok; j++) {
                    double dx = x - p[3 * j], dy = y - p[3 * j + 1], dz = z - p[3 * j + 2];
                    ok = dx * dx + dy * dy + dz * dz > 0.64;
                }
                if (!ok) continue;
                p[3 * i] = x;
                p[3 * i + 1] = y;
                p[3 * i + 2] = z;
                break;
            }
            sp[i] = rng.nextInt(nSpecies);
        }
        return new Structure(p, sp);
    }

    public static List<Structure> clouds(SplittableRandom rng, int count, int minAtoms, int maxAtoms, int nSpecies) {
        List<Structure> out = new ArrayList<>();
        for (int k = 0; k < count; k++) out.add(cloud(rng, minAtoms + rng.nextInt(maxAtoms - minAtoms + 1), nSpecies));
        return out;
    }

    static double radial(int q, double r) {
        double c = 0.5 + 0.6 * q;
        return Math.exp(-(r - c) * (r - c) / (2 * 0.45 * 0.45));
    }

    /** Raw expansion c[i][l][m][(a,q)] for all atoms of one structure. */
    private static double[][][] expansion(Structure s, int lmax, int radial, int nSpecies) {
        int n = s.size(), f = radial * nSpecies;
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[SphericalHarmonics.size(lmax)];
        double[][][] c = new double[n][lmax + 1][];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l <= lmax; l++) c[i][l] = new double[(2 * l + 1) * f];
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = s.positions()[3 * j] - s.positions()[3 * i], dy = s.positions()[3 * j + 1] - s.positions()[3 * i + 1],
                        dz = s.positions()[3 * j + 2] - s.positions()[3 * i + 2];
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                sh.compute(dx, dy, dz, y);
                for (int l = 0; l <= lmax; l++)
                    for (int m = 0; m < 2 * l + 1; m++)
                        for (int q = 0; q < radial; q++)
                            c[i][l][m * f + s.species()[j] * radial + q] += radial(q, r) * y[l * l + m];
            }
        }
        return c;
    }

    /** Features of all atoms of the structures, λ = 0..lmax; λ=0 = [f^0, invariants of l ≤ 2]. */
    public static FeatureSet features(List<Structure> structures, int lmax, int radial, int nSpecies) {
        int f = radial * nSpecies, inv = 3 * f * f;
        int atoms = 0;
        for (Structure s : structures) atoms += s.size();
        int[] offsets = new int[structures.size() + 1], species = new int[atoms];
        double[][] data = new double[lmax + 1][];
        data[0] = new double[atoms * (f + inv)];
        for (int l = 1; l <= lmax; l++) data[l] = new double[atoms * (2 * l + 1) * f];
        int a = 0;
        for (int st = 0; st < structures.size(); st++) {
            Structure s = structures.get(st);
            double[][][] c = expansion(s, Math.max(lmax, 2), radial, nSpecies);
            for (int i = 0; i < s.size(); i++, a++) {
                species[a] = s.species()[i];
                System.arraycopy(c[i][0], 0, data[0], a * (f + inv), f);
                for (int l = 0; l <= 2; l++) {
                    for (int p = 0; p < f; p++)
                        for (int p2 = 0; p2 < f; p2++) {
                            double v = 0;
                            for (int m = 0; m < 2 * l + 1; m++) v += c[i][l][m * f + p] * c[i][l][m * f + p2];
                            data[0][a * (f + inv) + f + (l * f + p) * f + p2] = v;
                        }
                }
                for (int l = 1; l <= lmax; l++) System.arraycopy(c[i][l], 0, data[l], a * (2 * l + 1) * f, (2 * l + 1) * f);
            }
            offsets[st + 1] = a;
        }
        Map<Integer, EquivariantFeatures> blocks = new TreeMap<>();
        blocks.put(0, new EquivariantFeatures(0, atoms, f + inv, data[0]));
        for (int l = 1; l <= lmax; l++) blocks.put(l, new EquivariantFeatures(l, atoms, f, data[l]));
        return new FeatureSet(offsets, species, blocks);
    }

    /**
     * The same set with its λ=1 block replaced by σ=−1 (pseudovector) features: the (1,1)→1 real-CG
     * coupling (a cross product) of every pair p &lt; p' of λ=1 channels, f^1_p × f^1_p'. The antisymmetric
     * part of a rank-2 tensor is a pseudovector and lies outside what proper λ=1 features can span.
     */
    public static FeatureSet withPseudoVectors(FeatureSet set) {
        EquivariantFeatures v = set.block(1);
        int f = v.features(), pairs = f * (f - 1) / 2, n = v.samples();
        double[] cg = org.equidens.math.ClebschGordan.real(1, 1, 1);
        double[] out = new double[n * 3 * pairs];
        for (int i = 0; i < n; i++) {
            int pair = 0;
            for (int p = 0; p < f; p++)
                for (int p2 = p + 1; p2 < f; p2++, pair++)
                    for (int mu = 0; mu < 3; mu++) {
                        double s = 0;
                        for (int m1 = 0; m1 < 3; m1++)
                            for (int m2 = 0; m2 < 3; m2++)
                                s += cg[(m1 * 3 + m2) * 3 + mu] * v.data()[(i * 3 + m1) * f + p] * v.data()[(i * 3 + m2) * f + p2];
                        out[(i * 3 + mu) * pairs + pair] = s;
                    }
        }
        Map<Integer, EquivariantFeatures> blocks = new TreeMap<>(set.blocks());
        blocks.put(1, new EquivariantFeatures(1, n, pairs, out));
        return new FeatureSet(set.offsets(), set.species(), blocks);
    }

    /** Block-wise D·K·Dᵀ (right = true) or D·K (right = false) of an (N·c) × (M·c) kernel. */
    public static double[] rotateKernel(double[] k, int n, int m, int lambda, double[] rotation, boolean left, boolean right) {
        int c = 2 * lambda + 1, cols = m * c;
        double[] d = WignerD.real(lambda, rotation);
        double[] out = k.clone();
        if (left) {
            double[] t = new double[out.length];
            for (int i = 0; i < n; i++)
                for (int mu = 0; mu < c; mu++)
                    for (int q = 0; q < cols; q++) {
                        double s = 0;
                        for (int nu = 0; nu < c; nu++) s += d[mu * c + nu] * out[(i * c + nu) * cols + q];
                        t[(i * c + mu) * cols + q] = s;
                    }
            out = t;
        }
        if (right) {
            double[] t = new double[out.length];
            for (int r = 0; r < n * c; r++)
                for (int j = 0; j < m; j++)
                    for (int mu = 0; mu < c; mu++) {
                        double s = 0;
                        for (int nu = 0; nu < c; nu++) s += out[r * cols + j * c + nu] * d[mu * c + nu];
                        t[r * cols + j * c + mu] = s;
                    }
            out = t;
        }
        return out;
    }

    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length mismatch " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    public static double rms(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s / a.length);
    }
}
