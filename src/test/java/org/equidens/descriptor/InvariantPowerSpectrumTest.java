package org.equidens.descriptor;

import static org.equidens.descriptor.SyntheticEnvironments.maxAbs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.equidens.descriptor.EquivariantPowerSpectrum.Hypers;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariant power spectrum: (1) featomic's stored power spectrum is reproduced from featomic's
 * stored spherical expansion of the same molecule (independent of our radial code: this pins the
 * formula, the (−1)^l/√(2l+1) and √2 factors and the [(a≤b)][l][n1][n2] layout); (2) it equals the
 * λ=0 block of the equivariant power spectrum, up to the a ≤ b bookkeeping.
 */
class InvariantPowerSpectrumTest {
    private static final Path DIR = Path.of("src/test/resources/featomic-reference/generated");

    /** featomic's spherical expansion of its 9-atom test molecule as an {@link Expansion}. */
    static Expansion featomicExpansion() throws Exception {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("spherical-expansion-values-input.json").toFile());
        int lmax = root.get("hyperparameters").get("basis").get("max_angular").asInt();
        int n = root.get("hyperparameters").get("basis").get("radial").get("max_radial").asInt() + 1;
        JsonNode types = root.get("systems").get(0).get("types");
        int[] centers = new int[types.size()];
        for (int i = 0; i < centers.length; i++) centers[i] = types.get(i).asInt();
        int[] species = java.util.Arrays.stream(centers).distinct().sorted().toArray();
        Npy.Array values = Npy.read(DIR.resolve("spherical-expansion-values.npy.gz"));
        assertArrayEquals(new int[] {centers.length, (lmax + 1) * (lmax + 1) * species.length * n}, values.shape());
        return new Expansion(lmax, n, species, centers, Expansion.defaultSamples(centers.length), values.data());
    }

    @Test
    void reproducesFeatomicReferenceFromItsExpansion() throws Exception {
        Expansion e = featomicExpansion();
        Npy.Array ref = Npy.read(DIR.resolve("soap-power-spectrum-values.npy.gz"));
        assertArrayEquals(new int[] {e.centres(), InvariantPowerSpectrum.featureCount(e)}, ref.shape());
        double[] p = InvariantPowerSpectrum.computeFlat(e);
        // The two featomic files are not exactly consistent with each other: squaring the stored
        // expansion (also in NumPy) misses the stored power spectrum by up to 4.7e-10 absolute at
        // values ~1.1, so the bound is 1e-9 of the largest value rather than rounding level.
        double worst = 0;
        for (int i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i] - ref.data()[i]));
        double scale = maxAbs(ref.data());
        System.out.printf("invariant power spectrum vs featomic reference: max |Δ| = %.2e (max |ref| %.3f)%n", worst, scale);
        assertTrue(worst < 1e-9 * scale, "max deviation " + worst);
        // the value quoted in the research notes: atom 0, H-H, l=0, n1=n2=0
        Labels props = InvariantPowerSpectrum.properties(e);
        assertEquals(2.087902086e-5, p[props.position(1, 1, 0, 0, 0)], 1e-14);
        // the BlockMap form holds the same numbers, keyed by centre species
        BlockMap m = InvariantPowerSpectrum.compute(e);
        Block carbon = m.block(0, 1, 6);
        assertEquals(props, carbon.properties());
        int row = carbon.samples().position(0, 3);
        for (int f = 0; f < props.size(); f += 97) assertEquals(p[3 * props.size() + f], carbon.get(row, 0, f));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void equalsLambdaZeroBlockOfEquivariantPowerSpectrum(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] species = {1, 6, 8};
        SyntheticEnvironments.Env[] envs = SyntheticEnvironments.environments(rng, 6, species, 10);
        Expansion e = SyntheticEnvironments.expand(envs, 1 + rng.nextInt(5), 1 + rng.nextInt(4), species,
                SyntheticEnvironments.POLY_GAUSS);
        PairSelection sel = PairSelection.values()[seed % 3];
        BlockMap lambdaSoap = new EquivariantPowerSpectrum(Hypers.of(0).withPairs(sel)).compute(e);
        BlockMap inv = InvariantPowerSpectrum.compute(e);
        assertEquals(inv.keys(), lambdaSoap.keys(), "one (λ=0, σ=+1) block per centre species");
        for (Key k : inv.keys()) {
            Block p = inv.get(k), q = lambdaSoap.get(k);
            assertEquals(p.samples(), q.samples());
            double tol = 1e-13 * (1 + maxAbs(p.values()));
            for (int f = 0; f < p.propertyCount(); f++) {
                int a = p.properties().get(f, 0), b = p.properties().get(f, 1), l = p.properties().get(f, 2);
                int n1 = p.properties().get(f, 3), n2 = p.properties().get(f, 4);
                int g = q.properties().position(l, l, a, n1, b, n2), h = q.properties().position(l, l, b, n2, a, n1);
                assertTrue(g >= 0 && h >= 0);
                double w = a < b ? Math.sqrt(2) : 1; // stored once for a < b
                for (int s = 0; s < p.sampleCount(); s++) {
                    assertEquals(p.get(s, 0, f), w * q.get(s, 0, g), tol, "(a,b,l,n1,n2)=" + a + "," + b + "," + l + "," + n1 + "," + n2);
                    assertEquals(q.get(s, 0, g), q.get(s, 0, h), tol, "λ=0 block is symmetric under (a1,n1)↔(a2,n2)");
                }
            }
            // and the Euclidean norms agree: the √2 keeps Σ p² = Σ over all ordered (a, b) of P²
            for (int s = 0; s < p.sampleCount(); s++) {
                double np = 0, nq = 0;
                for (int f = 0; f < p.propertyCount(); f++) np += p.get(s, 0, f) * p.get(s, 0, f);
                for (int f = 0; f < q.propertyCount(); f++) nq += q.get(s, 0, f) * q.get(s, 0, f);
                assertEquals(nq, np, 1e-12 * (1 + nq));
            }
        }
    }
}
