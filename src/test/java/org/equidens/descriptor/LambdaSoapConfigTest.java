package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.EquivariantPowerSpectrum.Parities;
import org.equidens.io.InputException;
import org.equidens.io.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaSoapConfigTest {
    @TempDir
    Path dir;

    private LambdaSoap.Hypers load(String yaml) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return LambdaSoapConfig.load(f);
    }

    private void fails(String yaml, String fragment) {
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void defaultsAreTensoapsHypersWithFeatomicsSmoothing() throws IOException {
        LambdaSoap.Hypers h = load("{}\n");
        assertEquals(LambdaSoapConfig.defaults(), h);
        SphericalExpansion.Hypers e = h.expansion();
        assertEquals(4.0, e.cutoff());
        assertEquals(0.3, e.gaussianWidth());
        assertEquals(8, e.radialFunctions());
        assertEquals(6, e.maxAngular());
        assertEquals(0.5, e.smoothingWidth());
        assertEquals(SphericalExpansion.Smoothing.SHIFTED_COSINE, e.smoothing());
        assertEquals(1.0, e.centerAtomWeight());
        assertEquals(1e-8, e.splineAccuracy());
        assertNull(e.species());
        assertEquals(5, h.lambdaMax());
        assertEquals(Parities.BOTH, h.parities());
        assertEquals(Normalisation.NONE, h.normalisation());
        assertEquals(PairSelection.L1_LE_L2_WEIGHTED, h.pairs());
    }

    @Test
    void everyKeyMapsOntoTheRecord() throws IOException {
        LambdaSoap.Hypers h = load("cutoff: 5\ncutoff_function: step\nsmoothing_width: 0.2\ngaussian_width: 0.4\nn_max: 6\n"
                + "l_max: 4\ncenter_atom_weight: 0.5\nspline_accuracy: 1e-6\nspecies: [O, 1, c]\ncenter_species: [8]\n"
                + "lambda_max: 3\nparities: pseudo\nnormalisation: per-block-unit\npair_selection: all_ordered\n");
        SphericalExpansion.Hypers e = h.expansion();
        assertEquals(new SphericalExpansion.Hypers(5, SphericalExpansion.Smoothing.STEP, 0.2, 0.4, 6, 4, 0.5, 1e-6,
                new int[] {1, 6, 8}, new int[] {8}), e);
        assertArrayEquals(new int[] {1, 6, 8}, e.species());
        assertEquals(new LambdaSoap.Hypers(e, 3, Parities.PSEUDO, Normalisation.PER_BLOCK_UNIT, PairSelection.ALL_ORDERED), h);
    }

    /** featomic: spline_accuracy absent = 1e-8, null = analytic; here 0 also means analytic. */
    @Test
    void splineAccuracyNullOrZeroMeansAnalytic() throws IOException {
        assertEquals(0.0, load("spline_accuracy: null\n").expansion().splineAccuracy());
        assertEquals(0.0, load("spline_accuracy: 0\n").expansion().splineAccuracy());
        assertEquals(1e-8, load("n_max: 4\n").expansion().splineAccuracy());
        fails("spline_accuracy: fast\n", "key 'spline_accuracy': expected a number or null");
    }

    @Test
    void toMapWrittenAsYamlLoadsBackToTheSameHypers() throws IOException {
        for (String yaml : new String[] {"{}\n", "species: [H, O]\ncenter_species: [O]\nspline_accuracy: null\nparities: proper\n"}) {
            LambdaSoap.Hypers h = load(yaml);
            Path f = dir.resolve("round.yaml");
            Files.writeString(f, Yaml.mapper().writeValueAsString(LambdaSoapConfig.toMap(h)));
            assertEquals(h, LambdaSoapConfig.load(f));
        }
    }

    @Test
    void mistakesNameTheKey() {
        fails("cutof: 4\n", "unknown key 'cutof'");
        fails("cutoff: -1\n", "key 'cutoff': must be > 0");
        fails("cutoff: 3\nsmoothing_width: 4\n", "key 'smoothing_width'");
        fails("n_max: 0\n", "key 'n_max'");
        fails("l_max: 3\nlambda_max: 7\n", "key 'lambda_max': must be in 0..6");
        fails("species: [H, Xx]\n", "key 'species[1]': 'Xx' is not an element");
        fails("species: []\n", "key 'species': empty list");
        fails("cutoff_function: gaussian\n", "key 'cutoff_function': unknown value 'gaussian' (known: shifted_cosine, step)");
        fails("pair_selection: upper\n", "key 'pair_selection'");
        fails("n_max: [1]\n", "key 'n_max'");
    }
}
