package org.equidens.descriptor;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.math.SphericalHarmonics;

/**
 * Synthetic spherical expansions for the λ-SOAP property tests: random point clouds around each
 * centre and c^a_{nlm} = Σ_{j of species a} R_n(r_j) Y_lm(r̂_j) with smooth radial functions R_n.
 * Applying an orthogonal R to the points maps each (a, n, l) vector exactly to D^l(R)·c, so the
 * expected transformation of every feature is known without any descriptor code.
 */
final class SyntheticEnvironments {
    static final int SEEDS = 40;

    private SyntheticEnvironments() {}

    static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    static SplittableRandom rng(int seed) {
        return new SplittableRandom(0x15_0A9L * 1_000_003L + seed);
    }

    /** One environment: centre species, neighbour vectors (x,y,z per point, relative to the centre), species. */
    record Env(int centerSpecies, double[] xyz, int[] species) {
        int size() {
            return species.length;
        }
    }

    /** A radial function family R_n(r). */
    interface Radial {
        double value(int n, double r);
    }

    /** r^n·e^{−r²}. */
    static final Radial POLY_GAUSS = (n, r) -> Math.pow(r, n) * Math.exp(-r * r);
    /** A different smooth family for the second expansion of a cross product. */
    static final Radial DAMPED = (n, r) -> Math.exp(-(0.4 + 0.3 * n) * r) / (1.0 + r * r) * (1.0 + n * r);

    /** {@code count} environments, 1..maxNeighbours points each at radius 0.4..2.4, random species. */
    static Env[] environments(SplittableRandom rng, int count, int[] species, int maxNeighbours) {
        Env[] out = new Env[count];
        for (int i = 0; i < count; i++) {
            int k = 1 + rng.nextInt(maxNeighbours);
            double[] xyz = new double[3 * k];
            int[] s = new int[k];
            for (int j = 0; j < k; j++) {
                double z = 2 * rng.nextDouble() - 1, phi = 2 * Math.PI * rng.nextDouble(), q = Math.sqrt(1 - z * z);
                double r = 0.4 + 2.0 * rng.nextDouble();
                xyz[3 * j] = r * q * Math.cos(phi);
                xyz[3 * j + 1] = r * q * Math.sin(phi);
                xyz[3 * j + 2] = r * z;
                s[j] = species[rng.nextInt(species.length)];
            }
            out[i] = new Env(species[rng.nextInt(species.length)], xyz, s);
        }
        return out;
    }

    /** Every neighbour vector mapped by the row-major 3×3 matrix m (proper or improper). */
    static Env[] transform(Env[] envs, double[] m) {
        Env[] out = new Env[envs.length];
        for (int i = 0; i < envs.length; i++) {
            double[] p = envs[i].xyz(), q = new double[p.length];
            for (int j = 0; j < p.length; j += 3)
                for (int r = 0; r < 3; r++)
                    q[j + r] = m[3 * r] * p[j] + m[3 * r + 1] * p[j + 1] + m[3 * r + 2] * p[j + 2];
            out[i] = new Env(envs[i].centerSpecies(), q, envs[i].species());
        }
        return out;
    }

    /** c^a_{nlm} for the given neighbour species (points of other species are ignored). */
    static Expansion expand(Env[] envs, int lmax, int radialCount, int[] species, Radial radial) {
        int[] centers = new int[envs.length];
        for (int i = 0; i < envs.length; i++) centers[i] = envs[i].centerSpecies();
        Expansion e = new Expansion(lmax, radialCount, species, centers);
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[SphericalHarmonics.size(lmax)];
        for (int i = 0; i < envs.length; i++) {
            Env env = envs[i];
            for (int j = 0; j < env.size(); j++) {
                int a = e.speciesIndex(env.species()[j]);
                if (a < 0) continue;
                double x = env.xyz()[3 * j], yy = env.xyz()[3 * j + 1], z = env.xyz()[3 * j + 2];
                double r = Math.sqrt(x * x + yy * yy + z * z);
                sh.compute(x, yy, z, y);
                for (int l = 0; l <= lmax; l++)
                    for (int m = -l; m <= l; m++)
                        for (int n = 0; n < radialCount; n++)
                            e.add(i, l, m, a, n, radial.value(n, r) * y[l * l + l + m]);
            }
        }
        return e;
    }

    /** Expansion with i.i.d. Gaussian coefficients (no geometry; for definition checks). */
    static Expansion gaussian(SplittableRandom rng, int lmax, int radialCount, int[] species, int[] centers) {
        Expansion e = new Expansion(lmax, radialCount, species, centers);
        double[] v = e.values();
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return e;
    }

    /** out[s][μ][f] = Σ_ν d[μ][ν]·v[s][ν][f] for a block's values. */
    static double[] applyD(Block b, double[] d) {
        int c = b.componentCount(), p = b.propertyCount();
        double[] v = b.values(), out = new double[v.length];
        for (int s = 0; s < b.sampleCount(); s++)
            for (int mu = 0; mu < c; mu++)
                for (int nu = 0; nu < c; nu++) {
                    double dm = d[mu * c + nu];
                    if (dm == 0.0) continue;
                    int o = b.index(s, mu, 0), i = b.index(s, nu, 0);
                    for (int f = 0; f < p; f++) out[o + f] += dm * v[i + f];
                }
        return out;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length mismatch " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
