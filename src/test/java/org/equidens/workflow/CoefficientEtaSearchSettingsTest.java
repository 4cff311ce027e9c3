package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equidens.io.InputException;
import org.equidens.model.CoefficientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regression.cross_validation} for coefficient tasks: defaults, and one-line errors for the combinations it refuses. */
class CoefficientEtaSearchSettingsTest {
    @TempDir
    Path tmp;

    private Path config(String regression, String extra) throws IOException {
        Path p = tmp.resolve("c.yaml");
        Files.writeString(p, "task: response\ndataset: " + Path.of("data/water-monomers-pbe").toAbsolutePath() + "\n" + regression
                + "split:\n  train: 10\noutput: out\n" + extra);
        return p;
    }

    @Test
    void defaultsAndExplicitGrid() throws IOException {
        CoefficientOptions.EtaSearch s = CoefficientSettings.load(config("regression:\n  cross_validation: {}\n", "")).options().etaSearch();
        assertEquals(5, s.folds());
        assertArrayEquals(new double[] {1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6}, s.etas());
        CoefficientOptions.EtaSearch t = CoefficientSettings.load(config("regression:\n  cross_validation: {folds: 3, etas: [1.0e-9, 1.0e-7]}\n", ""))
                .options().etaSearch();
        assertEquals(3, t.folds());
        assertArrayEquals(new double[] {1e-9, 1e-7}, t.etas());
        assertNull(CoefficientSettings.load(config("regression:\n  eta: 1.0e-9\n", "")).options().etaSearch());
    }

    @Test
    void refusedCombinationsAreOneLineErrors() throws IOException {
        String[][] cases = {
                {"regression:\n  eta: 1.0e-8\n  cross_validation: {}\n", "", "key 'regression'"},
                {"regression:\n  cross_validation: {folds: 1}\n", "", "regression.cross_validation.folds"},
                {"regression:\n  cross_validation: {etas: [1.0e-8, -1]}\n", "", "regression.cross_validation.etas[1]"},
                {"regression:\n  cross_validation: {}\n", "loss:\n  kind: realspace\n  samples: x\n", "regression.cross_validation"},
        };
        for (String[] c : cases) {
            Path p = config(c[0], c[1]);
            InputException e = assertThrows(InputException.class, () -> CoefficientSettings.load(p), c[0]);
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains("c.yaml") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
