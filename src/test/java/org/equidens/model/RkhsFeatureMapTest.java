package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.kernel.Synthetic;
import org.junit.jupiter.api.Test;

class RkhsFeatureMapTest {
    /** Chunked, parallel, per-species Ψ equals the direct K_NM·V with rows summed per structure. */
    @Test
    void matchesDirectComputationAcrossChunks() {
        SplittableRandom rng = Synthetic.rng(3);
        FeatureSet f = Synthetic.features(Synthetic.clouds(rng, 90, 4, 7, 1), 2, 3, 1); // > 256 atoms: several chunks
        int lambda = 2, c = 5;
        SphericalKernel kernel = new SphericalKernel(2);
        int[] sparse = SparseSelection.farthestPoint(f.block(0), 15, SparseSelection.Start.seeded(1)).indices();
        RkhsFeatureMap map = RkhsFeatureMap.build(f, lambda, Map.of(0, sparse), kernel, 1e-10);
        EquivariantFeatures s0 = f.block(0).select(sparse), sl = f.block(lambda).select(sparse);
        double[] k = kernel.compute(f.block(0), f.block(lambda), s0, sl);
        RkhsProjector proj = map.projector(0);
        double[] atomPsi = proj.project(k, f.atoms() * c);
        double[] direct = SphericalKernel.sumRows(atomPsi, c, proj.rank(), f.offsets());
        assertTrue(f.atoms() > 300);
        assertTrue(Synthetic.maxAbsDiff(map.structurePsi(f), direct) < 1e-12 * Synthetic.maxAbs(direct));
        assertTrue(Synthetic.maxAbsDiff(map.atomPsi(f), atomPsi) < 1e-12 * Synthetic.maxAbs(atomPsi));
    }

    @Test
    void unknownSpeciesIsAnInputError() {
        SplittableRandom rng = Synthetic.rng(4);
        FeatureSet f = Synthetic.features(Synthetic.clouds(rng, 6, 4, 6, 2), 1, 2, 2);
        Map<Integer, SparseSelection.Selection> sel = SparseSelection.farthestPointPerSpecies(f.block(0), f.species(), 5, SparseSelection.Start.seeded(0));
        Map<Integer, int[]> onlyFirst = new TreeMap<>();
        onlyFirst.put(0, sel.get(0).indices());
        RkhsFeatureMap map = RkhsFeatureMap.build(f, 1, onlyFirst, new SphericalKernel(2), 1e-10);
        assertThrows(InputException.class, () -> map.structurePsi(f));
    }
}
