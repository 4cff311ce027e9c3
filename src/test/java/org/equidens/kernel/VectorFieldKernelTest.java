package org.equidens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.Expansion;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.kernel.VectorFieldKernel.Features;
import org.equidens.linalg.Blas;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The λ⊗1 kernel on real λ-SOAP of random molecules: K(Ri, Rj) = (D^λ⊗R) K(i,j) (D^λ⊗R)ᵀ for proper
 * and improper R, K(Ri, j) = (D^λ⊗R) K(i,j), inversion parity (−1)^{λ+1}, symmetry, PSD, unit
 * Frobenius norm of the normalised diagonal blocks. Errors relative to the kernel's largest entry.
 */
class VectorFieldKernelTest {
    private static final int LAMBDA_MAX = 3;
    private static double worstRotation, worstParity;

    @AfterAll
    static void report() {
        System.out.printf("λ⊗1 kernel: max relative error rotation %.2e, inversion %.2e%n", worstRotation, worstParity);
    }

    static Atoms molecule(SplittableRandom rng, int n) {
        String[] sym = new String[n];
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            sym[i] = i % 3 == 0 ? "O" : "H";
            while (true) {
                double x = 3 * rng.nextDouble() - 1.5, y = 3 * rng.nextDouble() - 1.5, z = 3 * rng.nextDouble() - 1.5;
                boolean ok = true;
                for (int j = 0; j < i && ok; j++) {
                    double dx = x - p[3 * j], dy = y - p[3 * j + 1], dz = z - p[3 * j + 2];
                    ok = dx * dx + dy * dy + dz * dz > 0.7;
                }
                if (!ok) continue;
                p[3 * i] = x;
                p[3 * i + 1] = y;
                p[3 * i + 2] = z;
                break;
            }
        }
        return Atoms.molecule(sym, p);
    }

    static final LambdaSoap SOAP = new LambdaSoap(LambdaSoap.Hypers.of(
            SphericalExpansion.Hypers.of(3.5, 0.4, 3, 4).withSpecies(1, 8), LAMBDA_MAX + 1));

    static EquivariantFeatures block(Expansion e, int l, int sigma) {
        Block b = SOAP.block(e, l, sigma);
        return new EquivariantFeatures(l, b.sampleCount(), b.propertyCount(), b.values());
    }

    /** Normalised Φ for output λ and the normalised λ=0 features. */
    static Object[] phi(Atoms a, int lambda) {
        Expansion e = SOAP.expansion().compute(a);
        Features f = VectorFieldKernel.features(lambda, lambda == 0 ? null : block(e, lambda - 1, 1),
                lambda == 0 ? null : block(e, lambda, -1), block(e, lambda + 1, 1));
        return new Object[] {block(e, 0, 1).normalised(), VectorFieldKernel.normalised(f)};
    }

    /** (D^λ(R) ⊗ R) as a 3(2λ+1) square matrix on rows (μ, d). */
    static double[] rep(int lambda, double[] r) {
        double[] d = WignerD.real(lambda, r);
        int c = 2 * lambda + 1, n = 3 * c;
        double[] out = new double[n * n];
        for (int mu = 0; mu < c; mu++)
            for (int nu = 0; nu < c; nu++)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++) out[(mu * 3 + i) * n + nu * 3 + j] = d[mu * c + nu] * r[3 * i + j];
        return out;
    }

    /** Blockwise (A ⊗ I_atoms) K (B ⊗ I)ᵀ for a kernel of na × nb environments with c rows each. */
    static double[] transform(double[] k, int na, int nb, int c, double[] left, double[] right) {
        double[] out = new double[k.length];
        int cols = nb * c;
        double[] blk = new double[c * c], t = new double[c * c], u = new double[c * c];
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++) {
                for (int r = 0; r < c; r++) System.arraycopy(k, (i * c + r) * cols + j * c, blk, r * c, c);
                if (left != null) Blas.gemm(false, false, c, c, c, 1.0, left, blk, 0.0, t);
                else System.arraycopy(blk, 0, t, 0, c * c);
                if (right != null) Blas.gemm(false, true, c, c, c, 1.0, t, right, 0.0, u);
                else System.arraycopy(t, 0, u, 0, c * c);
                for (int r = 0; r < c; r++) System.arraycopy(u, r * c, out, (i * c + r) * cols + j * c, c);
            }
        return out;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void equivarianceParitySymmetryPsd(int seed) {
        SplittableRandom rng = new SplittableRandom(1234 + seed);
        Atoms a = molecule(rng, 5), b = molecule(rng, 4);
        double[] r = seed % 2 == 0 ? Rotations.random(rng) : Rotations.improperRandom(rng);
        double[] inversion = {-1, 0, 0, 0, -1, 0, 0, 0, -1};
        SphericalKernel zeta = new SphericalKernel(2.0);
        for (int lambda = 0; lambda <= LAMBDA_MAX - 1; lambda++) {
            int c = 3 * (2 * lambda + 1);
            Object[] fa = phi(a, lambda), fb = phi(b, lambda), fra = phi(a.transformed(r), lambda), frb = phi(b.transformed(r), lambda);
            Object[] fia = phi(a.transformed(inversion), lambda);
            double[] k = VectorFieldKernel.compute(zeta, (EquivariantFeatures) fa[0], (Features) fa[1], (EquivariantFeatures) fb[0], (Features) fb[1]);
            double scale = maxAbs(k);
            assertTrue(scale > 1e-3, "kernel should not vanish, λ=" + lambda);
            double[] d = rep(lambda, r);
            double[] both = VectorFieldKernel.compute(zeta, (EquivariantFeatures) fra[0], (Features) fra[1], (EquivariantFeatures) frb[0], (Features) frb[1]);
            double[] one = VectorFieldKernel.compute(zeta, (EquivariantFeatures) fra[0], (Features) fra[1], (EquivariantFeatures) fb[0], (Features) fb[1]);
            double e1 = maxDiff(both, transform(k, 5, 4, c, d, d)) / scale;
            double e2 = maxDiff(one, transform(k, 5, 4, c, d, null)) / scale;
            assertTrue(e1 < 1e-10, "K(Ri,Rj) λ=" + lambda + ": " + e1);
            assertTrue(e2 < 1e-10, "K(Ri,j) λ=" + lambda + ": " + e2);
            worstRotation = Math.max(worstRotation, Math.max(e1, e2));
            // inversion: every block of Φ changes sign by (−1)^{λ+1}
            double[] inv = VectorFieldKernel.compute(zeta, (EquivariantFeatures) fia[0], (Features) fia[1], (EquivariantFeatures) fb[0], (Features) fb[1]);
            double sign = (lambda % 2 == 0) ? -1 : 1;
            double ep = 0;
            for (int q = 0; q < k.length; q++) ep = Math.max(ep, Math.abs(inv[q] - sign * k[q]));
            ep /= scale;
            assertTrue(ep < 1e-10, "parity λ=" + lambda + ": " + ep);
            worstParity = Math.max(worstParity, ep);
            // self kernel: symmetric, PSD, unit Frobenius diagonal blocks
            double[] kaa = VectorFieldKernel.compute(zeta, (EquivariantFeatures) fa[0], (Features) fa[1], (EquivariantFeatures) fa[0], (Features) fa[1]);
            int p = 5 * c;
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) assertEquals(kaa[i * p + j], kaa[j * p + i], 1e-13);
            double[] ev = Blas.symmetricEigen(kaa, p).values();
            assertTrue(ev[0] > -1e-12 * ev[p - 1], "PSD λ=" + lambda + ": " + ev[0]);
            for (int i = 0; i < 5; i++) {
                double fro = 0;
                for (int x = 0; x < c; x++)
                    for (int y = 0; y < c; y++) fro += Math.pow(kaa[(i * c + x) * p + i * c + y], 2);
                assertEquals(1.0, Math.sqrt(fro), 1e-12, "normalised diagonal block");
            }
        }
    }

    /** The coupling matrix is an isometry: T_lᵀ T_l = I (real CG are orthogonal). */
    @ParameterizedTest(name = "λ={0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void couplingIsOrthogonal(int lambda) {
        for (int l = Math.abs(lambda - 1); l <= lambda + 1; l++) {
            double[] t = VectorFieldKernel.couplingMatrix(lambda, l);
            int rows = 3 * (2 * lambda + 1), nl = 2 * l + 1;
            double[] g = new double[nl * nl];
            Blas.gemm(true, false, nl, nl, rows, 1.0, t, t, 0.0, g);
            for (int i = 0; i < nl; i++)
                for (int j = 0; j < nl; j++) assertEquals(i == j ? 1.0 : 0.0, g[i * nl + j], 1e-12);
        }
    }
}
