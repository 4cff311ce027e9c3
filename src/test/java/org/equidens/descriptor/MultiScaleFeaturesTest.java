package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.io.StructureIO;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.structure.Atoms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-scale ρ⊗V λ-SOAP (SOAP density ⊗ LODE potential, Grisafi–Nigam–Ceriotti 2021) for a water
 * dimer with the exact molecular LODE: every block rotates with D^λ, inversion gives σ·(−1)^λ, and
 * all ordered (l_ρ, l_V) pairs are kept — including l_ρ > l_V terms such as ρ(l=1)⊗V(l=0) at λ=1,
 * which an l1 ≤ l2 filter would drop.
 */
class MultiScaleFeaturesTest {
    private static final Atoms DIMER = StructureIO.read(Path.of("data/water-tensors/dimers_1000.xyz"), 3);
    private static final int[] SPECIES = {1, 8};
    private static final SphericalExpansion RHO = new SphericalExpansion(SphericalExpansion.Hypers.of(4.0, 0.3, 4, 3).withSpecies(SPECIES));
    private static final LodeSphericalExpansion V = new LodeSphericalExpansion(LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 4.0, 4, 3));
    private static final EquivariantPowerSpectrum PS = new EquivariantPowerSpectrum(EquivariantPowerSpectrum.Hypers.of(3));

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    private static BlockMap features(Atoms a) {
        return PS.compute(RHO.compute(a), V.expansion(a, SPECIES));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rhoTimesPotentialRotatesWithWignerD(int seed) {
        double[] r = Rotations.random(new SplittableRandom(seed));
        BlockMap ref = features(DIMER);
        BlockMap rot = features(DIMER.transformed(r));
        double scale = maxAbs(ref);
        double worst = 0;
        for (Key key : ref.keys()) {
            Block a = ref.get(key), b = rot.get(key);
            double[] d = WignerD.real(key.lambda(), r);
            worst = Math.max(worst, maxDiff(a, b, d, key.lambda(), 1.0));
        }
        assertTrue(worst / scale < 1e-10, "rotation error " + worst / scale);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void inversionGivesSigmaTimesParity(int seed) {
        BlockMap ref = features(DIMER);
        BlockMap inv = features(DIMER.transformed(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}));
        double scale = maxAbs(ref);
        for (Key key : ref.keys()) {
            double sign = key.sigma() * ((key.lambda() % 2 == 0) ? 1 : -1);
            int c = 2 * key.lambda() + 1;
            double[] identity = new double[c * c];
            for (int i = 0; i < c; i++) identity[i * c + i] = 1;
            double err = maxDiff(ref.get(key), inv.get(key), identity, key.lambda(), sign);
            assertTrue(err / scale < 1e-12, key + " inversion error " + err / scale);
        }
        assertTrue(seed >= 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void keepsAllOrderedPairsForRhoTimesV(int seed) {
        BlockMap f = features(DIMER);
        Block b = f.block(1, 1, 8);
        int l1 = b.properties().column("l_1"), l2 = b.properties().column("l_2");
        boolean rho1V0 = false, rho0V1 = false;
        for (int p = 0; p < b.propertyCount(); p++) {
            rho1V0 |= b.properties().get(p, l1) == 1 && b.properties().get(p, l2) == 0;
            rho0V1 |= b.properties().get(p, l1) == 0 && b.properties().get(p, l2) == 1;
        }
        assertTrue(rho1V0 && rho0V1, "λ=1 block must hold both ρ(1)⊗V(0) and ρ(0)⊗V(1)");
        // the two are different functions of the structure, not copies
        double n10 = 0, n01 = 0;
        for (int p = 0; p < b.propertyCount(); p++) {
            for (int s = 0; s < b.sampleCount(); s++) {
                for (int c = 0; c < 3; c++) {
                    double v = Math.abs(b.get(s, c, p));
                    if (b.properties().get(p, l1) == 1 && b.properties().get(p, l2) == 0) n10 += v;
                    if (b.properties().get(p, l1) == 0 && b.properties().get(p, l2) == 1) n01 += v;
                }
            }
        }
        assertTrue(n10 > 0 && n01 > 0 && Math.abs(n10 - n01) > 1e-6 * (n10 + n01), n10 + " vs " + n01 + " (seed " + seed + ")");
    }

    /** max |b − sign·D·a| over the block, component axis transformed by D. */
    private static double maxDiff(Block a, Block b, double[] d, int lambda, double sign) {
        int c = 2 * lambda + 1;
        double worst = 0;
        for (int s = 0; s < a.sampleCount(); s++) {
            for (int p = 0; p < a.propertyCount(); p++) {
                for (int mu = 0; mu < c; mu++) {
                    double expected = 0;
                    for (int nu = 0; nu < c; nu++) expected += d[mu * c + nu] * a.get(s, nu, p);
                    worst = Math.max(worst, Math.abs(b.get(s, mu, p) - sign * expected));
                }
            }
        }
        return worst;
    }

    private static double maxAbs(BlockMap m) {
        double x = 0;
        for (Block b : m.blocks()) for (double v : b.values()) x = Math.max(x, Math.abs(v));
        return x;
    }
}
