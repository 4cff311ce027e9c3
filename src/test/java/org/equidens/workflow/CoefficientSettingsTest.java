package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equidens.io.InputException;
import org.equidens.model.CoefficientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings of coefficient tasks: {@code regression.cross_validation} (defaults), {@code split.order}
 * (random, file, farthest-point sampling of structures), the real-space resume fingerprint, and
 * one-line errors.
 */
class CoefficientSettingsTest {
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
    void splitOrders() throws IOException {
        org.equidens.io.Dataset d = org.equidens.io.Dataset.load(Path.of("data/water-monomers-pbe"));
        int[] file = CoefficientRun.order(CoefficientSettings.load(config("", "")).withOrder("file"), d);
        for (int i = 0; i < file.length; i++) assertEquals(i, file[i]);
        CoefficientSettings fps = CoefficientSettings.load(config("", "")).withOrder("fps");
        int[] a = CoefficientRun.order(fps, d), b = CoefficientRun.order(fps, d);
        assertArrayEquals(a, b, "seeded: the same order twice");
        boolean[] seen = new boolean[d.size()];
        for (int i : a) seen[i] = true;
        for (boolean x : seen) assertTrue(x, "a permutation of the dataset");
        // FPS covers the dataset's geometries: with the first 100 as training set, hardly any molecule
        // has an HOH angle outside the training range (the random permutation leaves dozens outside)
        double[] angle = new double[d.size()];
        for (int k = 0; k < d.size(); k++) {
            double[] p = d.structures().get(k).positions();
            double[] u = {p[3] - p[0], p[4] - p[1], p[5] - p[2]}, v = {p[6] - p[0], p[7] - p[1], p[8] - p[2]};
            angle[k] = Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / Math.sqrt((u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2])));
        }
        int outsideFps = outside(angle, a, 100), outsideRandom = outside(angle, CoefficientRun.order(fps.withOrder("random"), d), 100);
        assertTrue(outsideFps <= 2 && outsideRandom >= 10 * Math.max(1, outsideFps), "outside the training angle range: FPS " + outsideFps + ", random " + outsideRandom);
        assertEquals("fps", ((Map<?, ?>) fps.toMap().get("split")).get("order"));
    }

    /** With a real-space loss the resume fingerprint covers the samples folder: another file there, another fingerprint. */
    @Test
    void realSpaceFingerprintCoversTheSamplesFolder() throws IOException {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        for (String f : new String[] {"frames.npy", "counts.npy"})
            Files.copy(Path.of("data/water-monomers-pbe/grid-samples/ts-lifs").resolve(f), samples.resolve(f));
        Path p = config("", "loss:\n  kind: realspace\n  samples: samples\n");
        org.equidens.io.Dataset d = org.equidens.io.Dataset.load(Path.of("data/water-monomers-pbe"));
        String before = CoefficientRun.fingerprint(CoefficientSettings.load(p), d);
        assertEquals(before, CoefficientRun.fingerprint(CoefficientSettings.load(p), d));
        Files.writeString(samples.resolve("counts.npy"), "changed");
        assertTrue(!before.equals(CoefficientRun.fingerprint(CoefficientSettings.load(p), d)), "a changed samples file must change the fingerprint");
    }

    private static int outside(double[] angle, int[] order, int n) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, angle[order[i]]);
            hi = Math.max(hi, angle[order[i]]);
        }
        int c = 0;
        for (double x : angle) if (x < lo || x > hi) c++;
        return c;
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
        Path p = config("", "");
        Files.writeString(p, Files.readString(p).replace("  train: 10\n", "  train: 10\n  order: sorted\n"));
        InputException e = assertThrows(InputException.class, () -> CoefficientSettings.load(p));
        assertTrue(e.getMessage().contains("split.order") && e.getMessage().contains("fps"), e.getMessage());
    }
}
