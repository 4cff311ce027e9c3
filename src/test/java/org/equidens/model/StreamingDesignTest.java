package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.StructureIO;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SparseSelection.Selection;
import org.equidens.properties.CartesianTensors;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;
import org.equidens.kernel.Synthetic;
import org.junit.jupiter.api.Test;

/**
 * The streaming path (λ-SOAP a chunk of structures at a time, kernel rows summed per structure,
 * features dropped) against the in-memory one on real periodic data: bulk liquid water
 * (data/water-tensors/bulk_1000.xyz, 96 centres per frame, O and H), cell polarizability. Small
 * hypers and few frames keep it quick; the code path is the one the 1000-frame run uses.
 */
class StreamingDesignTest {
    private static final Path BULK = Path.of("data/water-tensors/bulk_1000.xyz");

    private static LambdaSoap.Hypers smallHypers(List<Atoms> frames) {
        SphericalExpansion.Hypers e = LambdaSoapConfig.defaults().expansion();
        LambdaSoap.Hypers h = LambdaSoapConfig.defaults();
        return StructureFeatures.resolveSpecies(new LambdaSoap.Hypers(new SphericalExpansion.Hypers(3.0, e.smoothing(), e.smoothingWidth(),
                e.gaussianWidth(), 4, 3, e.centerAtomWeight(), e.splineAccuracy(), null, null),
                h.lambdaMax(), h.parities(), h.normalisation(), h.pairs()), frames);
    }

    private static double[] targets(List<Atoms> s, int[] idx) {
        double[] y = new double[idx.length * 9];
        for (int i = 0; i < idx.length; i++) System.arraycopy(s.get(idx[i]).infoVector("alpha"), 0, y, i * 9, 9);
        return y;
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamingAndInMemoryTrainingAgreeOnBulkWater() {
        List<Atoms> frames = StructureIO.readAll(BULK).subList(0, 10);
        LambdaSoap.Hypers hypers = smallHypers(frames);
        Decomposition dec = CartesianTensors.symmetric(2);
        int[][] trains = {{3, 7, 0, 5}, {3, 7, 0, 5, 9, 1}};
        int[][] tests = {{2, 4, 8}, {2, 4, 8, 6}};
        TensorModel.Options options = new TensorModel.Options(2.0, 60, 1e-3, 1e-12, SparseSelection.Start.seeded(3), true);

        FeatureSet all = StructureFeatures.compute(frames, hypers, dec);
        FeatureSet pool0 = StructureFeatures.compute(frames, hypers, new int[][] {{0, 1}});
        assertEquals(960, all.atoms());
        StreamingDesign.Source source = StreamingDesign.lambdaSoap(frames, hypers, StructureFeatures.blocksFor(dec));
        Map<Integer, Selection>[] selections = new Map[trains.length];
        for (int k = 0; k < trains.length; k++)
            selections[k] = SparseSelection.farthestPointPerSpecies(pool0.subset(trains[k]).block(0), pool0.subset(trains[k]).species(), 60,
                    SparseSelection.Start.seeded(11 + k));
        // chunk 3: structures spread over several chunks, in an order unlike the training order
        StreamingDesign.Split split = StreamingDesign.forSizes(pool0, source, trains, tests, selections, dec, options, 3);

        for (int k = 0; k < trains.length; k++) {
            FeatureSet ft = all.subset(trains[k]), fe = all.subset(tests[k]);
            // the same FPS on the full feature set (the in-memory path) picks the same environments
            Map<Integer, Selection> inMemorySelection = SparseSelection.farthestPointPerSpecies(ft.block(0), ft.species(), 60,
                    SparseSelection.Start.seeded(11 + k));
            for (int z : new int[] {1, 8}) assertArrayEquals(inMemorySelection.get(z).indices(), selections[k].get(z).indices());
            double[] y = targets(frames, trains[k]);
            TensorModel memory = TensorModel.train(dec, ft, y, options, inMemorySelection, null, 0, 0);
            TensorModel streamed = TensorModel.fit(dec, selections[k], split.maps()[k], split.trainPsi()[k], TensorModel.atomCounts(ft), y,
                    options, null, 0, 0);
            for (int b = 0; b < dec.lambdas().length; b++) {
                assertEquals(memory.featureMap(b).dimension(), streamed.featureMap(b).dimension());
                double[] wm = memory.regression(b).weights(), ws = streamed.regression(b).weights();
                // Ψ agree to round-off (BLAS blocks differ with the chunk shapes); the weights inherit
                // that times the condition number of ΨᵀΨ + ηI, hence a moderate η here
                double[] pt = memory.featureMap(b).structurePsi(ft);
                assertTrue(Synthetic.maxAbsDiff(pt, split.trainPsi()[k][b]) <= 1e-12 * Synthetic.maxAbs(pt));
                assertTrue(Synthetic.maxAbsDiff(wm, ws) <= 1e-9 * Synthetic.maxAbs(wm), "λ=" + dec.lambdas()[b] + " weights differ by " + Synthetic.maxAbsDiff(wm, ws));
                // the test rows too
                double[] pm = memory.featureMap(b).structurePsi(fe);
                assertTrue(Synthetic.maxAbsDiff(pm, split.testPsi()[k][b]) <= 1e-12 * Synthetic.maxAbs(pm));
            }
            assertEquals(memory.baselinePerAtom(), streamed.baselinePerAtom(), 1e-14 * Math.abs(memory.baselinePerAtom()));
            double[] pm = memory.predictSpherical(fe), ps = streamed.predictSpherical(split.testPsi()[k], TensorModel.atomCounts(fe));
            assertTrue(Synthetic.maxAbsDiff(pm, ps) <= 1e-10 * Synthetic.maxAbs(pm), "predictions differ by " + Synthetic.maxAbsDiff(pm, ps));
        }
    }

    /** Gathered sparse features are the rows of the full feature set, whatever the chunking. */
    @Test
    void gatherReturnsTheChosenCentres() {
        List<Atoms> frames = StructureIO.readAll(BULK).subList(0, 5);
        LambdaSoap.Hypers hypers = smallHypers(frames);
        int[][] blocks = {{0, 1}, {2, 1}};
        FeatureSet all = StructureFeatures.compute(frames, hypers, blocks);
        StreamingDesign.Source source = StreamingDesign.lambdaSoap(frames, hypers, blocks);
        int[][] structure = {{4, 0, 4, 2}, {1}}, centre = {{95, 0, 3, 50}, {17}};
        EquivariantFeatures[][] g = StreamingDesign.gather(source, structure, centre, new int[] {0, 2}, 2);
        for (int grp = 0; grp < structure.length; grp++) {
            int[] atoms = new int[structure[grp].length];
            for (int j = 0; j < atoms.length; j++) atoms[j] = all.offsets()[structure[grp][j]] + centre[grp][j];
            assertArrayEquals(all.block(0).select(atoms).data(), g[grp][0].data());
            assertArrayEquals(all.block(2).select(atoms).data(), g[grp][1].data());
        }
    }
}
