package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.io.StructureIO;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-scale [ρ⊗ρ, w·ρ⊗V] blocks on a periodic liquid-water cell (k-space LODE) and on a molecule
 * (exact LODE): they rotate with D^λ when positions and cell rotate together, each part has norm 1
 * and w per centre, and w = 0 leaves exactly the normalised ρ⊗ρ kernel.
 */
class MultiscaleSoapTest {
    private static final Atoms BULK = StructureIO.read(Path.of("data/water-tensors/bulk_1000.xyz"), 7);
    private static final Atoms DIMER = StructureIO.read(Path.of("data/water-tensors/dimers_1000.xyz"), 11);
    private static final int[] SPECIES = {1, 8};

    private static MultiscaleSoap soap(double weight, int[] centres) {
        SphericalExpansion.Hypers e = SphericalExpansion.Hypers.of(4.0, 0.3, 4, 3).withSpecies(SPECIES);
        if (centres != null) e = e.withCenterSpecies(centres);
        return new MultiscaleSoap(LambdaSoap.Hypers.of(e, 4), new MultiscaleSoap.Potential(LodeSphericalExpansion.Hyperparameters.of(1.0, 1, 4.0, 4, 2), weight));
    }

    static IntStream seeds() {
        return IntStream.range(0, 4);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void blocksRotateWithWignerDInACellAndAMolecule(int seed) {
        double[] r = Rotations.random(new SplittableRandom(100 + seed));
        MultiscaleSoap ms = soap(0.7, null);
        for (Atoms a : new Atoms[] {BULK, DIMER}) {
            Atoms rotated = a.transformed(r);
            for (int lambda = 0; lambda <= 2; lambda++) {
                Block ref = ms.block(a, lambda, 1), rot = ms.block(rotated, lambda, 1);
                double[] d = WignerD.real(lambda, r);
                int c = 2 * lambda + 1, f = ref.propertyCount();
                double worst = 0, scale = 0;
                for (int i = 0; i < ref.sampleCount(); i++)
                    for (int p = 0; p < f; p++)
                        for (int mu = 0; mu < c; mu++) {
                            double expect = 0;
                            for (int nu = 0; nu < c; nu++) expect += d[mu * c + nu] * ref.get(i, nu, p);
                            worst = Math.max(worst, Math.abs(expect - rot.get(i, mu, p)));
                            scale = Math.max(scale, Math.abs(expect));
                        }
                assertTrue(worst / scale < 1e-9, (a.isPeriodic() ? "cell" : "dimer") + " λ=" + lambda + " rotation error " + worst / scale);
            }
        }
    }

    @Test
    void partsHaveNormOneAndWeightPerCentre() {
        double w = 0.7;
        Block b = soap(w, new int[] {8}).block(BULK, 2, 1);
        assertEquals(32, b.sampleCount(), "O centres of the 32-molecule cell");
        int part = b.properties().column("part");
        for (int i = 0; i < b.sampleCount(); i++) {
            double[] n2 = new double[2];
            for (int mu = 0; mu < 5; mu++)
                for (int p = 0; p < b.propertyCount(); p++) n2[b.properties().get(p, part)] += b.get(i, mu, p) * b.get(i, mu, p);
            assertEquals(1.0, Math.sqrt(n2[0]), 1e-12);
            assertEquals(w, Math.sqrt(n2[1]), 1e-12);
        }
    }

    @Test
    void weightZeroGivesTheNormalisedLocalKernel() {
        MultiscaleSoap ms = soap(0.0, null);
        Block multi = ms.block(BULK, 2, 1);
        Block local = ms.soap().block(BULK, 2, 1);
        int n = local.sampleCount(), slab = 5 * local.propertyCount(), wide = 5 * multi.propertyCount();
        for (int i = 0; i < n; i += 7)
            for (int j = 0; j < n; j += 5) {
                double a = dot(local.values(), i * slab, j * slab, slab)
                        / Math.sqrt(dot(local.values(), i * slab, i * slab, slab) * dot(local.values(), j * slab, j * slab, slab));
                double b = dot(multi.values(), i * wide, j * wide, wide);
                assertEquals(a, b, 1e-12, "centres " + i + ", " + j);
            }
    }

    private static double dot(double[] x, int a, int b, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) s += x[a + k] * x[b + k];
        return s;
    }
}
