package org.equidens.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equidens.kernel.Synthetic;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CartesianTensorsTest {
    private static final double S2 = Math.sqrt(2), S3 = Math.sqrt(3), S6 = Math.sqrt(6);

    private static double[] random(SplittableRandom rng, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextGaussian();
        return t;
    }

    private static double[] symmetricRandom(SplittableRandom rng, int rank) {
        return CartesianTensors.symmetrise(random(rng, CartesianTensors.cartesianSize(rank)), 1, rank);
    }

    private static double normSq(double[] t) {
        double s = 0;
        for (double v : t) s += v * v;
        return s;
    }

    private static Decomposition[] all() {
        return new Decomposition[] {CartesianTensors.vector(), CartesianTensors.rank2(), CartesianTensors.symmetric(2),
            CartesianTensors.symmetric(3), CartesianTensors.symmetric(4), CartesianTensors.symmetric(5)};
    }

    /** Basis rows orthonormal; round trip exact; Σ t² = ‖T‖²; λ content as expected. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void orthonormalRoundTrip(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        for (Decomposition d : all()) {
            int m = d.sphericalSize(), n = d.cartesianSize();
            double[] b = d.basis();
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int q = 0; q < n; q++) s += b[i * n + q] * b[j * n + q];
                    assertEquals(i == j ? 1.0 : 0.0, s, 1e-14, d + " basis " + i + "," + j);
                }
            double[] t = d.symmetric() ? symmetricRandom(rng, d.rank()) : random(rng, n);
            double[] sph = d.toSpherical(t);
            assertEquals(normSq(t), normSq(sph), 1e-12 * normSq(t), d + " norm");
            assertTrue(Synthetic.maxAbsDiff(t, d.toCartesian(sph)) < 1e-13, d + " round trip");
            double[] back = d.toSpherical(d.toCartesian(sph));
            assertTrue(Synthetic.maxAbsDiff(sph, back) < 1e-13, d + " spherical round trip");
        }
        assertArrayEquals(new int[] {0, 2}, CartesianTensors.symmetric(2).lambdas());
        assertArrayEquals(new int[] {1, 3}, CartesianTensors.symmetric(3).lambdas());
        assertArrayEquals(new int[] {0, 2, 4}, CartesianTensors.symmetric(4).lambdas());
        assertArrayEquals(new int[] {0, 1, 2}, CartesianTensors.rank2().lambdas());
        assertEquals(10, CartesianTensors.symmetric(3).sphericalSize());
    }

    /** Cartesian rotation R…T equals D^λ(R) on each spherical block (improper R too for true tensors). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void rotationIsWignerD(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        for (Decomposition d : all()) {
            boolean improper = d.symmetric() && seed % 2 == 1; // the rank-2 λ=1 part is a pseudovector
            double[] r = improper ? Rotations.improperRandom(rng) : Rotations.random(rng);
            double[] t = d.symmetric() ? symmetricRandom(rng, d.rank()) : random(rng, d.cartesianSize());
            double[] sph = d.toSpherical(t), rotated = d.toSpherical(CartesianTensors.rotate(t, d.rank(), r));
            int[] ls = d.lambdas();
            for (int k = 0; k < ls.length; k++) {
                int c = 2 * ls[k] + 1, off = d.offset(k);
                double[] dl = WignerD.real(ls[k], r);
                for (int mu = 0; mu < c; mu++) {
                    double s = 0;
                    for (int nu = 0; nu < c; nu++) s += dl[mu * c + nu] * sph[off + nu];
                    assertEquals(s, rotated[off + mu], 1e-12, d + " λ=" + ls[k] + " μ=" + (mu - ls[k]));
                }
            }
        }
    }

    /** The documented rank-2 conventions, including the negative sign of α_L0 and the antisymmetric part. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void rank2Conventions(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        double[] a = random(rng, 9);
        double xx = a[0], xy = a[1], xz = a[2], yx = a[3], yy = a[4], yz = a[5], zx = a[6], zy = a[7], zz = a[8];
        double[] sph = CartesianTensors.rank2().toSpherical(a);
        double sxy = (xy + yx) / 2, syz = (yz + zy) / 2, sxz = (xz + zx) / 2;
        double[] expected = {
            -(xx + yy + zz) / S3,
            (zx - xz) / S2, (xy - yx) / S2, (yz - zy) / S2,
            S2 * sxy, S2 * syz, (2 * zz - xx - yy) / S6, S2 * sxz, (xx - yy) / S2};
        assertArrayEquals(expected, sph, 1e-14);
        double[] sym = {xx, sxy, sxz, sxy, yy, syz, sxz, syz, zz};
        double[] s2 = CartesianTensors.symmetric(2).toSpherical(sym);
        assertArrayEquals(new double[] {expected[0], expected[4], expected[5], expected[6], expected[7], expected[8]}, s2, 1e-14);
        // the documented inverse
        double a0 = s2[0], a20 = s2[3], a22 = s2[5];
        double[] back = CartesianTensors.symmetric(2).toCartesian(s2);
        assertEquals(-a0 / S3 - a20 / S6 + a22 / S2, back[0], 1e-14);
        assertEquals(-a0 / S3 + 2 * a20 / S6, back[8], 1e-14);
        assertEquals(s2[1] / S2, back[1], 1e-14);
        // rank 1: (y, z, x)
        assertArrayEquals(new double[] {a[1], a[2], a[0]}, CartesianTensors.vector().toSpherical(new double[] {a[0], a[1], a[2]}), 0.0);
    }

    /** β (symmetric rank 3): λ=1 is −√(3/5)·(trace vector v_c = Σ_a β_aac) in (y,z,x) order. */
    @Test
    void rank3VectorPart() {
        SplittableRandom rng = Synthetic.rng(5);
        double[] b = symmetricRandom(rng, 3);
        double[] v = new double[3];
        for (int a = 0; a < 3; a++)
            for (int c = 0; c < 3; c++) v[c] += b[(a * 3 + a) * 3 + c];
        double[] sph = CartesianTensors.symmetric(3).toSpherical(b);
        double k = -Math.sqrt(3.0 / 5.0);
        assertArrayEquals(new double[] {k * v[1], k * v[2], k * v[0]}, java.util.Arrays.copyOf(sph, 3), 1e-14);
        // a pure trace tensor (δ_ab u_c symmetrised) has no λ=3 part
        double[] t = new double[27];
        for (int a = 0; a < 3; a++)
            for (int c = 0; c < 3; c++) t[(a * 3 + a) * 3 + c] += v[c];
        double[] st = CartesianTensors.symmetric(3).toSpherical(CartesianTensors.symmetrise(t, 1, 3));
        for (int i = 3; i < 10; i++) assertEquals(0.0, st[i], 1e-14);
    }

    @Test
    void batchConversionMatchesSingle() {
        SplittableRandom rng = Synthetic.rng(1);
        Decomposition d = CartesianTensors.symmetric(3);
        double[] many = new double[4 * 27];
        for (int s = 0; s < 4; s++) System.arraycopy(symmetricRandom(rng, 3), 0, many, s * 27, 27);
        double[] sph = d.toSpherical(many, 4);
        for (int s = 0; s < 4; s++)
            assertArrayEquals(d.toSpherical(java.util.Arrays.copyOfRange(many, s * 27, s * 27 + 27)), java.util.Arrays.copyOfRange(sph, s * 10, s * 10 + 10), 1e-15);
        double[] r = Rotations.random(rng);
        double[] rot = CartesianTensors.rotate(many, 3, r, 4);
        assertArrayEquals(CartesianTensors.rotate(java.util.Arrays.copyOf(many, 27), 3, r), java.util.Arrays.copyOf(rot, 27), 1e-15);
    }
}
