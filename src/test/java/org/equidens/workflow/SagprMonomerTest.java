package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.kernel.SparseSelection;
import org.equidens.math.Rotations;
import org.equidens.model.Committee;
import org.equidens.model.FeatureSet;
import org.equidens.model.StructureFeatures;
import org.equidens.model.TensorCommittee;
import org.equidens.model.TensorModel;
import org.equidens.properties.CartesianTensors;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SA-GPR end to end on real water monomers (data/water-tensors), small N so it stays fast:
 * features from structures, exact rotation of μ and α predictions, a calibrated committee, and a
 * bit-for-bit save/load round trip.
 */
class SagprMonomerTest {
    private static final Path MONOMERS = Path.of("data/water-tensors/monomers_1000.xyz");
    private static List<Atoms> frames;
    private static LambdaSoap.Hypers hypers;

    @BeforeAll
    static void read() {
        frames = StructureIO.readAll(MONOMERS).subList(0, 600);
        SphericalExpansion.Hypers e = LambdaSoapConfig.defaults().expansion();
        LambdaSoap.Hypers h = LambdaSoapConfig.defaults();
        hypers = StructureFeatures.resolveSpecies(new LambdaSoap.Hypers(new SphericalExpansion.Hypers(e.cutoff(), e.smoothing(), e.smoothingWidth(),
                e.gaussianWidth(), e.radialFunctions(), e.maxAngular(), e.centerAtomWeight(), e.splineAccuracy(), null, new int[] {8}),
                h.lambdaMax(), h.parities(), h.normalisation(), h.pairs()), frames);
    }

    static double[] targets(List<Atoms> s, String key) {
        int n = s.get(0).infoVector(key).length;
        double[] y = new double[s.size() * n];
        for (int i = 0; i < s.size(); i++) System.arraycopy(s.get(i).infoVector(key), 0, y, i * n, n);
        return y;
    }

    static SagprModel train(List<Atoms> train, String key, Decomposition dec) {
        FeatureSet f = StructureFeatures.compute(train, hypers, dec);
        TensorModel m = TensorModel.train(dec, f, targets(train, key), TensorModel.Options.defaults().withSparse(1000));
        return new SagprModel(key, hypers, m, null);
    }

    /** Blocks: λ=0 always, σ=+1 for proper tensors, σ=−1 only for λ=1 of a general rank-2 tensor. */
    @Test
    void blocksTheTargetNeeds() {
        assertArrayEquals(new int[][] {{0, 1}, {1, 1}}, StructureFeatures.blocksFor(CartesianTensors.vector()));
        assertArrayEquals(new int[][] {{0, 1}, {2, 1}}, StructureFeatures.blocksFor(CartesianTensors.symmetric(2)));
        assertArrayEquals(new int[][] {{0, 1}, {1, -1}, {2, 1}}, StructureFeatures.blocksFor(CartesianTensors.rank2()));
        assertArrayEquals(new int[][] {{0, 1}, {1, 1}, {3, 1}}, StructureFeatures.blocksFor(CartesianTensors.symmetric(3)));
    }

    /** O-centred features are the λ-SOAP blocks of each structure, stacked in structure order. */
    @Test
    void featuresMatchPerStructureBlocks() {
        List<Atoms> few = frames.subList(0, 7);
        FeatureSet f = StructureFeatures.compute(few, hypers, CartesianTensors.rank2());
        assertEquals(7, f.atoms());
        LambdaSoap soap = new LambdaSoap(hypers);
        for (int s = 0; s < 7; s++) {
            assertEquals(8, f.species()[s]);
            Block b = soap.block(few.get(s), 1, -1);
            int len = b.values().length;
            double[] got = java.util.Arrays.copyOfRange(f.block(1).data(), s * len, (s + 1) * len);
            assertArrayEquals(b.values(), got, 0.0);
        }
        Atoms lithium = Atoms.molecule(new String[] {"Li", "H"}, new double[] {0, 0, 0, 1.5, 0, 0});
        InputException e = assertThrows(InputException.class, () -> StructureFeatures.compute(List.of(lithium), hypers, CartesianTensors.vector()));
        assertTrue(e.getMessage().contains("species Li"), e.getMessage());
    }

    /** μ(RA) = R μ(A), α(RA) = R α(A) Rᵀ through models trained on real monomers, to 1e-10 relative. */
    @Test
    void predictionsRotateExactly() {
        List<Atoms> train = frames.subList(0, 80), test = frames.subList(500, 510);
        SplittableRandom rng = new SplittableRandom(20261121L);
        for (String key : new String[] {"mu", "alpha", "beta"}) {
            int rank = key.equals("mu") ? 1 : key.equals("alpha") ? 2 : 3;
            SagprModel m = train(train, key, CartesianTensors.symmetric(rank));
            for (Atoms a : test) {
                double[] r = Rotations.random(rng);
                double[] t = m.predict(List.of(a)).cartesian(), rt = m.predict(List.of(a.transformed(r))).cartesian();
                double[] expected = CartesianTensors.rotate(t, rank, r);
                double max = 0, diff = 0;
                for (int i = 0; i < t.length; i++) {
                    max = Math.max(max, Math.abs(t[i]));
                    diff = Math.max(diff, Math.abs(rt[i] - expected[i]));
                }
                assertTrue(diff <= 1e-10 * max, key + ": relative rotation error " + diff / max);
            }
        }
    }

    /**
     * The committee's σ (coverage calibration) is calibrated on held-out monomers: the
     * fraction of test errors within ±1σ (spherical components of α not fixed by symmetry) lies in
     * 60–76 % (68 % for Gaussian errors). 120 training, 40 calibration, 400 test structures.
     */
    @Test
    void committeeIsCalibrated() {
        Decomposition dec = CartesianTensors.symmetric(2);
        List<Atoms> shuffled = new ArrayList<>();
        for (int i : SparseSelection.random(frames.size(), frames.size(), 42).indices()) shuffled.add(frames.get(i));
        List<Atoms> train = shuffled.subList(0, 120), calib = shuffled.subList(120, 160), test = shuffled.subList(200, 600);
        FeatureSet ft = StructureFeatures.compute(train, hypers, dec), fc = StructureFeatures.compute(calib, hypers, dec);
        FeatureSet fe = StructureFeatures.compute(test, hypers, dec);
        List<Atoms> both = new ArrayList<>(train);
        both.addAll(calib);
        TensorModel m = TensorModel.train(dec, StructureFeatures.compute(both, hypers, dec), targets(both, "alpha"),
                TensorModel.Options.defaults().withSparse(1000));
        TensorCommittee c = TensorCommittee.fit(m, ft, targets(train, "alpha"), fc, targets(calib, "alpha"), new Committee.Options(8, 0.8, 0.8, 5, true), TensorCommittee.Calibration.COVERAGE);
        TensorCommittee.Prediction p = c.predict(fe);
        double[] ref = dec.toSpherical(targets(test, "alpha"), test.size());
        // α_xy and α_yz of these monomers (all in one mirror plane) are zero by symmetry: target, prediction
        // and spread vanish there, and those rows say nothing about calibration
        double floor = TensorCommittee.informativeFloor(p.sphericalStd());
        int in = 0, n = 0;
        for (int i = 0; i < ref.length; i++) {
            if (p.sphericalStd()[i] <= floor) continue;
            n++;
            if (Math.abs(p.spherical()[i] - ref[i]) <= p.sphericalStd()[i]) in++;
        }
        assertTrue(n >= 0.5 * ref.length, "most rows are informative: " + n);
        double fraction = (double) in / n;
        System.out.printf("committee α: %.1f %% of test errors within ±1σ (α_L0 %.3g, α_L2 %.3g)%n", 100 * fraction,
                c.committee(0).alpha(), c.committee(1).alpha());
        assertTrue(fraction >= 0.60 && fraction <= 0.76, "fraction within ±1σ: " + fraction);
    }

    /** A model read back from its directory predicts bit for bit what the in-memory model did, std included. */
    @Test
    void saveLoadIsExact(@TempDir Path tmp) throws IOException {
        Decomposition dec = CartesianTensors.rank2();
        List<Atoms> train = frames.subList(0, 40), calib = frames.subList(40, 50), test = frames.subList(300, 320);
        FeatureSet ft = StructureFeatures.compute(train, hypers, dec);
        TensorModel m = TensorModel.train(dec, ft, targets(train, "alpha"), TensorModel.Options.defaults().withSparse(30).withEta(1e-6));
        TensorCommittee c = TensorCommittee.fit(m, ft, targets(train, "alpha"), StructureFeatures.compute(calib, hypers, dec), targets(calib, "alpha"),
                new Committee.Options(5, 0.7, 0.7, 1, true));
        SagprModel model = new SagprModel("alpha", hypers, m, c);
        Path dir = tmp.resolve("model");
        ModelDirectory.write(dir, model, Map.of("note", "test"), "test", null);
        SagprModel back = ModelDirectory.read(dir);
        SagprModel.Prediction a = model.predict(test), b = back.predict(test);
        assertArrayEquals(a.cartesian(), b.cartesian(), 0.0);
        assertArrayEquals(a.cartesianStd(), b.cartesianStd(), 0.0);
        assertArrayEquals(a.spherical(), b.spherical(), 0.0);
        assertEquals("alpha", back.target());
        assertEquals(dec.toString(), back.decomposition().toString());

        SagprModel plain = new SagprModel("alpha", hypers, m, null);
        ModelDirectory.write(dir, plain, null, "test", null); // replaces the model atomically
        SagprModel back2 = ModelDirectory.read(dir);
        assertNull(back2.committee());
        assertArrayEquals(plain.predict(test).cartesian(), back2.predict(test).cartesian(), 0.0);
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("model"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folders left");
        }

        String json = Files.readString(dir.resolve(ModelDirectory.MODEL_JSON)).replace("\"format_version\" : 1", "\"format_version\" : 99");
        Files.writeString(dir.resolve(ModelDirectory.MODEL_JSON), json);
        InputException e = assertThrows(InputException.class, () -> ModelDirectory.read(dir));
        assertTrue(e.getMessage().contains("format version 99 is not supported"), e.getMessage());
        assertThrows(InputException.class, () -> ModelDirectory.read(tmp.resolve("missing")));
    }

    /** The per-λ sparse sets keep every environment when M0 ≥ N (M_λ from M0, capped): the full GPR. */
    @Test
    void largeM0KeepsAllEnvironments() {
        Decomposition dec = CartesianTensors.symmetric(2);
        List<Atoms> train = frames.subList(0, 30);
        TensorModel m = TensorModel.train(dec, StructureFeatures.compute(train, hypers, dec), targets(train, "alpha"),
                TensorModel.Options.defaults().withSparse(1000));
        assertEquals(30 * 5, m.featureMap(1).projector(8).size());
        assertEquals(30, m.sparseSelection().get(8).size());
        assertEquals(SparseSelection.sizeForLambda(1000, 2), 819);
    }
}
