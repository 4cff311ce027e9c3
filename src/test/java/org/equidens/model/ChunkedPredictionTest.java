package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.equidens.io.StructureIO;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large structures are predicted a chunk of centres at a time from one spherical expansion; every
 * atom's coefficients depend only on its own environment, so the result must not depend on the chunk
 * size: a periodic 96-atom liquid-water cell and its 2×1×1 supercell, chunks of 40 centres against
 * the whole structure at once, response and density models.
 */
class ChunkedPredictionTest {
    private static final int[] TRAIN = {100, 101, 103, 104, 105, 107};

    @BeforeAll
    static void load() {
        CoefficientModelTest.load();
    }

    @Test
    void chunkSizeDoesNotChangePredictions() {
        Atoms cell = StructureIO.read(Path.of("data/water-tensors/bulk_1000.xyz"), 3);
        List<Atoms> big = List.of(cell, cell.repeated(2, 1, 1));
        assertEquals(192, big.get(1).size());
        CoefficientOptions o = CoefficientModelTest.options(6, 1e-8, CoefficientOptions.Solver.DIRECT);
        TrainedCoefficients[] models = {
                ResponseModel.train(CoefficientModelTest.structures(TRAIN), CoefficientModelTest.rows(CoefficientModelTest.response, 3, TRAIN),
                        CoefficientModelTest.data.basis(), o, null),
                DensityModel.train(CoefficientModelTest.structures(TRAIN), CoefficientModelTest.rows(CoefficientModelTest.density, 1, TRAIN),
                        CoefficientModelTest.data.basis(), o, null)};
        int saved = CoefficientModel.centreChunk;
        try {
            for (TrainedCoefficients m : models) {
                CoefficientModel.centreChunk = 100000;
                List<double[]> whole = m.predict(big);
                CoefficientModel.centreChunk = 40;
                List<double[]> chunked = m.predict(big);
                for (int s = 0; s < big.size(); s++)
                    assertArrayEquals(whole.get(s), chunked.get(s), 1e-12 * CoefficientModelTest.maxAbs(whole.get(s)), "structure " + s);
                // both halves of the supercell are the cell's atoms in the same periodic environments
                double[] a = whole.get(0), b = whole.get(1);
                assertEquals(2 * a.length, b.length);
                int rows = m.model().outputs(), n0 = a.length / rows;
                double scale = CoefficientModelTest.maxAbs(a);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < n0; j++) {
                        assertEquals(a[r * n0 + j], b[r * 2 * n0 + j], 1e-9 * scale);
                        assertEquals(a[r * n0 + j], b[r * 2 * n0 + n0 + j], 1e-9 * scale);
                    }
            }
        } finally {
            CoefficientModel.centreChunk = saved;
        }
    }
}
