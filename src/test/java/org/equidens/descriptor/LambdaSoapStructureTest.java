package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Symmetries of the full λ-SOAP pipeline (SphericalExpansion → EquivariantPowerSpectrum) on real
 * structures: water monomer and dimer, a 96-atom liquid-water frame (periodic cube) and random
 * triclinic H/O cells, some thinner than the cutoff. Rotating positions and cell rotates every
 * block by D^λ(R); inversion multiplies it by σ·(−1)^λ; permuting atoms permutes rows; translation,
 * wrapping atoms into the cell and describing the crystal by a 2×2×2 supercell change nothing.
 * Errors are max |difference| / max |entry| of the structure's features (all blocks), so 1e-10 means
 * agreement to ten digits of the largest feature.
 */
class LambdaSoapStructureTest {
    private static final double TOL = 1e-10;
    private static final Path DATA = Path.of("data/water-tensors");
    private static final Atoms MONOMER = StructureIO.read(DATA.resolve("monomers_1000.xyz"), 0);
    private static final Atoms DIMER = StructureIO.read(DATA.resolve("dimers_1000.xyz"), 0);
    private static final Atoms BULK = StructureIO.read(DATA.resolve("bulk_1000.xyz"), 0);
    private static final String[] SYSTEMS = {"monomer", "dimer", "bulk", "triclinic"};
    /** Small hypers for the many seeded cases; one test below uses the full defaults. */
    private static final LambdaSoap SMALL = new LambdaSoap(LambdaSoap.Hypers.of(
            SphericalExpansion.Hypers.of(3.5, 0.3, 4, 4).withSpecies(1, 8), 4));
    private static final double[] WORST = new double[6];
    private static final String[] NAMES = {"rotation", "inversion", "permutation", "translation", "wrapping", "supercell"};

    @AfterAll
    static void report() {
        StringBuilder b = new StringBuilder("λ-SOAP structure symmetries, max error / max |feature|:");
        for (int k = 0; k < NAMES.length; k++) b.append(String.format(" %s %.2e", NAMES[k], WORST[k]));
        System.out.println(b);
    }

    static Stream<Arguments> cases() {
        return IntStream.range(0, 12).mapToObj(seed -> Arguments.of(seed, SYSTEMS[seed % SYSTEMS.length]));
    }

    static SplittableRandom rng(int seed) {
        return new SplittableRandom(0x50A9_0000L + seed);
    }

    /** The structure of a case; "triclinic" is a random H/O cell (every third seed thinner than rc). */
    static Atoms structure(String system, SplittableRandom rng) {
        return switch (system) {
            case "monomer" -> MONOMER;
            case "dimer" -> DIMER;
            case "bulk" -> BULK;
            default -> randomTriclinic(rng, rng.nextInt(3) == 0 ? 3.0 : 6.0);
        };
    }

    /** Random triclinic cell with edge lengths ~[scale, 1.4 scale], 4–10 H/O atoms at least 0.8 Å apart. */
    static Atoms randomTriclinic(SplittableRandom rng, double scale) {
        double[] cell = new double[9];
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 3; c++) cell[3 * k + c] = 0.35 * scale * (2 * rng.nextDouble() - 1);
            cell[4 * k] += scale * (1 + 0.4 * rng.nextDouble());
        }
        int n = 4 + rng.nextInt(7);
        List<double[]> pos = new ArrayList<>();
        Atoms trial = null;
        String[] symbols = new String[n];
        while (pos.size() < n) {
            double[] f = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double[] x = new double[3];
            for (int c = 0; c < 3; c++) x[c] = f[0] * cell[c] + f[1] * cell[3 + c] + f[2] * cell[6 + c];
            pos.add(x);
            double[] flat = pos.stream().flatMapToDouble(Arrays::stream).toArray();
            String[] s = new String[pos.size()];
            for (int i = 0; i < s.length; i++) s[i] = i % 3 == 0 ? "O" : "H";
            NeighbourList list = NeighbourList.build(flat, cell, new boolean[] {true, true, true}, 0.8, false);
            if (list.size() > 0) pos.remove(pos.size() - 1);
            else trial = new Atoms(s, flat, cell, new boolean[] {true, true, true}, null, null);
        }
        return trial;
    }

    static Atoms transform(Atoms a, double[] r) {
        double[] p = a.positions(), q = new double[p.length];
        for (int i = 0; i < p.length; i += 3) {
            double[] v = Rotations.apply(r, p[i], p[i + 1], p[i + 2]);
            System.arraycopy(v, 0, q, i, 3);
        }
        double[] cell = a.cell();
        if (cell != null)
            for (int k = 0; k < 3; k++) {
                double[] v = Rotations.apply(r, cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]);
                System.arraycopy(v, 0, cell, 3 * k, 3);
            }
        return new Atoms(a.symbols(), q, cell, a.pbc(), null, null);
    }

    static double globalMax(BlockMap m) {
        double g = 0;
        for (Block b : m.blocks()) g = Math.max(g, SyntheticEnvironments.maxAbs(b.values()));
        return g;
    }

    /** max over blocks of |after − sign·D^λ(R)·before| / globalMax(before). */
    static double equivarianceError(BlockMap before, BlockMap after, double[] rot, boolean flipPseudo, int lambdaMax) {
        assertEquals(before.keys(), after.keys());
        double[][] d = WignerD.upTo(lambdaMax, rot);
        double worst = 0, scale = globalMax(before);
        for (Key k : before.keys()) {
            Block b = before.get(k), a = after.get(k);
            assertEquals(b.samples(), a.samples());
            assertEquals(b.properties(), a.properties());
            double[] expected = SyntheticEnvironments.applyD(b, d[k.lambda()]);
            if (flipPseudo && k.sigma() < 0) for (int i = 0; i < expected.length; i++) expected[i] = -expected[i];
            worst = Math.max(worst, SyntheticEnvironments.maxAbsDiff(expected, a.values()) / scale);
        }
        return worst;
    }

    /** max |a − b| / max|a| over blocks with identical keys and labels. */
    static double difference(BlockMap a, BlockMap b) {
        assertEquals(a.keys(), b.keys());
        double worst = 0, scale = globalMax(a);
        for (Key k : a.keys()) {
            assertEquals(a.get(k).samples(), b.get(k).samples());
            assertEquals(a.get(k).properties(), b.get(k).properties());
            worst = Math.max(worst, SyntheticEnvironments.maxAbsDiff(a.get(k).values(), b.get(k).values()) / scale);
        }
        return worst;
    }

    private static void record(int which, double err, String what) {
        WORST[which] = Math.max(WORST[which], err);
        assertTrue(err < TOL, what + ": " + NAMES[which] + " error " + err);
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void rotatingPositionsAndCellRotatesEveryBlock(int seed, String system) {
        SplittableRandom rng = rng(seed);
        Atoms a = structure(system, rng);
        double[] rot = Rotations.random(rng);
        BlockMap p = SMALL.compute(a), q = SMALL.compute(transform(a, rot));
        assertTrue(p.keys().stream().anyMatch(k -> k.sigma() < 0));
        record(0, equivarianceError(p, q, rot, false, 4), system);
    }

    /** Inversion r → −r (cell too): σ=+1 blocks get (−1)^λ, σ=−1 blocks (−1)^{λ+1}, i.e. σ·(−1)^λ. */
    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void inversionMultipliesBySigmaTimesParityOfLambda(int seed, String system) {
        Atoms a = structure(system, rng(seed));
        double[] minus = {-1, 0, 0, 0, -1, 0, 0, 0, -1};
        BlockMap p = SMALL.compute(a), q = SMALL.compute(transform(a, minus));
        double worst = 0, scale = globalMax(p);
        for (Key k : p.keys()) {
            double sign = k.sigma() * ((k.lambda() & 1) == 0 ? 1 : -1);
            double[] x = p.get(k).values(), y = q.get(k).values();
            for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - sign * x[i]) / scale);
        }
        record(1, worst, system);
        // and an improper random rotation follows σ·D^λ(R)
        double[] improper = Rotations.improperRandom(rng(seed + 1000));
        record(1, equivarianceError(p, SMALL.compute(transform(a, improper)), improper, true, 4), system);
    }

    /** Permuting atoms (any permutation, so also same-species ones) permutes the rows of the dense blocks. */
    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void permutingAtomsPermutesRows(int seed, String system) {
        SplittableRandom rng = rng(seed);
        Atoms a = structure(system, rng);
        int n = a.size();
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        String[] sym = new String[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) { // new atom i is old atom perm[i]
            sym[i] = a.symbol(perm[i]);
            System.arraycopy(a.positions(), 3 * perm[i], pos, 3 * i, 3);
        }
        Atoms b = new Atoms(sym, pos, a.cell(), a.pbc(), null, null);
        Expansion ea = SMALL.expansion().compute(a), eb = SMALL.expansion().compute(b);
        double worst = 0;
        for (int lambda = 0; lambda <= 3; lambda++)
            for (int sigma = 1; sigma >= -1; sigma -= 2) {
                if (!LambdaSoap.hasBlock(4, lambda, sigma)) continue;
                Block x = SMALL.block(ea, lambda, sigma), y = SMALL.block(eb, lambda, sigma);
                assertEquals(x.properties(), y.properties());
                int slab = x.componentCount() * x.propertyCount();
                double scale = SyntheticEnvironments.maxAbs(x.values());
                for (int i = 0; i < n; i++) {
                    assertEquals(i, y.samples().get(i, "atom"));
                    for (int f = 0; f < slab; f++)
                        worst = Math.max(worst, Math.abs(y.values()[i * slab + f] - x.values()[perm[i] * slab + f]) / scale);
                }
            }
        record(2, worst, system);
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void translationChangesNothing(int seed, String system) {
        SplittableRandom rng = rng(seed);
        Atoms a = structure(system, rng);
        double[] t = {10 * rng.nextGaussian(), 10 * rng.nextGaussian(), 10 * rng.nextGaussian()};
        double[] p = a.positions().clone();
        for (int i = 0; i < p.length; i++) p[i] += t[i % 3];
        record(3, difference(SMALL.compute(a), SMALL.compute(a.withPositions(p))), system);
    }

    /** Moving each atom by its own random lattice translation (wrapping or unwrapping) changes nothing. */
    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void wrappingIntoTheCellChangesNothing(int seed, String system) {
        SplittableRandom rng = rng(seed);
        Atoms a = structure(system.equals("monomer") || system.equals("dimer") ? "bulk" : system, rng);
        double[] cell = a.cell(), p = a.positions().clone();
        for (int i = 0; i < a.size(); i++) {
            int[] s = {rng.nextInt(5) - 2, rng.nextInt(5) - 2, rng.nextInt(5) - 2};
            for (int c = 0; c < 3; c++) p[3 * i + c] += s[0] * cell[c] + s[1] * cell[3 + c] + s[2] * cell[6 + c];
        }
        record(4, difference(SMALL.compute(a), SMALL.compute(a.withPositions(p))), system);
    }

    /** A 2×2×2 supercell gives every copy of an atom the features of that atom in the primitive cell. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.LambdaSoapStructureTest#supercellSeeds")
    void supercellGivesTheSameFeatures(int seed) {
        SplittableRandom rng = rng(seed);
        Atoms a = seed == 0 ? BULK : randomTriclinic(rng, seed % 2 == 0 ? 3.0 : 5.0);
        int n = a.size();
        double[] cell = a.cell(), big = new double[9];
        for (int k = 0; k < 9; k++) big[k] = 2 * cell[k];
        String[] sym = new String[8 * n];
        double[] pos = new double[24 * n];
        for (int c = 0; c < 8; c++)
            for (int i = 0; i < n; i++) {
                sym[c * n + i] = a.symbol(i);
                for (int x = 0; x < 3; x++)
                    pos[3 * (c * n + i) + x] = a.positions()[3 * i + x] + (c & 1) * cell[x] + ((c >> 1) & 1) * cell[3 + x]
                            + ((c >> 2) & 1) * cell[6 + x];
            }
        Atoms s = new Atoms(sym, pos, big, new boolean[] {true, true, true}, null, null);
        Expansion ea = SMALL.expansion().compute(a), es = SMALL.expansion().compute(s);
        double worst = 0;
        for (int lambda = 0; lambda <= 4; lambda++)
            for (int sigma = 1; sigma >= -1; sigma -= 2) {
                if (!LambdaSoap.hasBlock(4, lambda, sigma)) continue;
                Block x = SMALL.block(ea, lambda, sigma), y = SMALL.block(es, lambda, sigma);
                int slab = x.componentCount() * x.propertyCount();
                double scale = SyntheticEnvironments.maxAbs(x.values());
                for (int c = 0; c < 8; c++)
                    for (int i = 0; i < n; i++)
                        for (int f = 0; f < slab; f++)
                            worst = Math.max(worst, Math.abs(y.values()[(c * n + i) * slab + f] - x.values()[i * slab + f]) / scale);
            }
        record(5, worst, seed == 0 ? "bulk" : "triclinic");
    }

    static IntStream supercellSeeds() {
        return IntStream.range(0, 5);
    }

    /** The production defaults (rc 4, σ 0.3, N 8, l_max 6, λ ≤ 5) on the dimer: rotation and inversion. */
    @Test
    void defaultHypersOnTheDimer() {
        LambdaSoap soap = new LambdaSoap(LambdaSoap.Hypers.of(SphericalExpansion.Hypers.defaults(), 5)
                .withNormalisation(Normalisation.PER_BLOCK_UNIT));
        double[] rot = Rotations.random(rng(99));
        BlockMap p = soap.compute(DIMER), q = soap.compute(transform(DIMER, rot));
        record(0, equivarianceError(p, q, rot, false, 5), "dimer, defaults");
        double[] improper = Rotations.improperRandom(rng(98));
        record(1, equivarianceError(p, soap.compute(transform(DIMER, improper)), improper, true, 5), "dimer, defaults");
    }

    /** The dense block is the per-species blocks interleaved back into structure order. */
    @Test
    void denseBlockIsTheSpeciesBlocksInStructureOrder() {
        for (PairSelection sel : PairSelection.values()) {
            LambdaSoap soap = new LambdaSoap(SMALL.hypers().withPairs(sel));
            BlockMap m = soap.compute(DIMER);
            for (Key k : m.keys()) {
                if (k.centerSpecies() != 8) continue;
                Block dense = soap.block(DIMER, k.lambda(), k.sigma());
                assertEquals(DIMER.size(), dense.sampleCount());
                for (int z : new int[] {1, 8}) {
                    Block b = m.block(k.lambda(), k.sigma(), z);
                    assertEquals(b.properties(), dense.properties());
                    int slab = b.componentCount() * b.propertyCount();
                    for (int r = 0; r < b.sampleCount(); r++) {
                        int atom = b.samples().get(r, "atom");
                        assertArrayEquals(Arrays.copyOfRange(b.values(), r * slab, (r + 1) * slab),
                                Arrays.copyOfRange(dense.values(), atom * slab, (atom + 1) * slab));
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SMALL.block(DIMER, 0, -1));
    }

    /** Streaming in chunks gives the same features as one call. */
    @Test
    void chunksMatchOneCall() {
        BlockMap all = SMALL.compute(BULK);
        List<BlockMap> parts = new ArrayList<>();
        SMALL.forEachChunk(BULK, 25, parts::add);
        assertEquals(4, parts.size());
        for (BlockMap part : parts)
            for (Key k : part.keys()) {
                Block b = part.get(k), whole = all.get(k);
                int slab = b.componentCount() * b.propertyCount();
                for (int r = 0; r < b.sampleCount(); r++) {
                    int row = whole.samples().position(0, b.samples().get(r, "atom"));
                    assertArrayEquals(Arrays.copyOfRange(whole.values(), row * slab, (row + 1) * slab),
                            Arrays.copyOfRange(b.values(), r * slab, (r + 1) * slab));
                }
            }
    }

    @Test
    void badStructuresAreOneLineInputErrors() {
        double[] p = DIMER.positions().clone();
        System.arraycopy(p, 0, p, 9, 3); // atom 3 onto atom 0
        p[9] += 1e-8;
        InputException close = assertThrows(InputException.class, () -> SMALL.compute(DIMER.withPositions(p)));
        assertTrue(close.getMessage().contains("atoms 0 (O) and 3 (O)"), close.getMessage());
        Atoms flat = new Atoms(BULK.symbols(), BULK.positions(), new double[] {9, 0, 0, 0, 9, 0, 9, 9, 0},
                new boolean[] {true, true, true}, null, null);
        InputException singular = assertThrows(InputException.class, () -> SMALL.compute(flat));
        assertTrue(singular.getMessage().startsWith("singular cell"), singular.getMessage());
        LambdaSoap onlyO = new LambdaSoap(LambdaSoap.Hypers.of(SMALL.hypers().expansion().withSpecies(8), 2));
        InputException species = assertThrows(InputException.class, () -> onlyO.compute(DIMER));
        assertTrue(species.getMessage().contains("not among the neighbour species [8]"), species.getMessage());
        for (InputException e : new InputException[] {close, singular, species}) assertTrue(!e.getMessage().contains("\n"));
    }
}
