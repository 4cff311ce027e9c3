package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.math.Rotations;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SA-GPR on multi-scale [ρ⊗ρ, w·ρ⊗V] features ({@code lode:} section) and file-order splits
 * ({@code split.order: file}), end to end on the water monomers: the LODE part reaches the model,
 * w = 0 is exactly the local model, the model directory keeps the LODE hypers, predictions rotate
 * as R α Rᵀ, and bad sections are one-line errors.
 */
class MultiscaleTensorTest {
    @TempDir
    Path tmp;

    private static final Path MONOMERS = Path.of("data/water-tensors/monomers_1000.xyz").toAbsolutePath();

    private static final String CONFIG = """
            task: tensor
            structures: %s
            target: alpha
            descriptor:
              n_max: 4
              l_max: 3
            sparse:
              m0: 30
            regression:
              eta: 1.0e-6
            split:
              train: [40]
              test: 20
              seed: 2
              order: %s
            output: out
            %s
            """;

    private TensorTraining.Result run(String name, String lode) throws IOException {
        return run(name, "random", lode);
    }

    private TensorTraining.Result run(String name, String order, String lode) throws IOException {
        Path p = tmp.resolve(name + ".yaml");
        Files.writeString(p, CONFIG.formatted(MONOMERS, order, lode));
        TensorSettings s = TensorSettings.load(p);
        return TensorTraining.run(s, TensorTraining.read(s), new PrintWriter(new StringWriter()));
    }

    private static double percent(TensorTraining.Result r, int block) {
        return r.curve().get(0).percent()[block];
    }

    @Test
    void lodeFeaturesTrainSaveReloadAndRotate() throws IOException {
        TensorTraining.Result local = run("local", "");
        TensorTraining.Result zero = run("zero", "lode:\n  weight: 0.0\n  l_max: 2\n  n_max: 3\n");
        TensorTraining.Result multi = run("multi", "lode:\n  weight: 0.5\n  l_max: 2\n  n_max: 3\n  smearing: 0.5\n");
        for (int k = 0; k < 2; k++) {
            assertEquals(percent(local, k), percent(zero, k), 1e-6 * percent(local, k), "w = 0 must be the ρ⊗ρ model, block " + k);
            assertTrue(Math.abs(percent(local, k) - percent(multi, k)) > 1e-6 * percent(local, k), "the ρ⊗V part must change the model");
        }
        assertNull(local.model().potential());
        assertNotNull(multi.model().potential());
        assertTrue(multi.finalMetrics().containsKey("cartesian"));

        Path dir = tmp.resolve("model");
        ModelDirectory.write(dir, multi.model(), Map.of(), "test", null);
        assertTrue(Files.readString(dir.resolve(ModelDirectory.MODEL_JSON)).contains("\"lode\""));
        SagprModel back = ModelDirectory.read(dir);
        assertEquals(0.5, back.potential().weight());
        assertEquals(0.5, back.potential().lode().smearing());

        List<Atoms> test = StructureIO.readAll(MONOMERS).subList(900, 905);
        double[] a = multi.model().predict(test).cartesian(), b = back.predict(test).cartesian();
        assertArrayEquals(a, b, 0.0, "a reloaded model predicts bit for bit");

        double[] r = Rotations.random(new SplittableRandom(3));
        double[] rotated = back.predict(test.stream().map(x -> x.transformed(r)).toList()).cartesian();
        double[] expected = org.equidens.properties.CartesianTensors.rotate(a, 2, r, test.size());
        double worst = 0, scale = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - rotated[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertTrue(worst / scale < 1e-10, "α(RA) = R α(A) Rᵀ violated by " + worst / scale);
    }

    @Test
    void fileOrderTrainsOnTheFirstFramesAndTestsOnTheNext() throws IOException {
        TensorTraining.Result r = run("file", "file", "");
        int[] train = (int[]) r.fingerprint().get("train_frames"), test = (int[]) r.fingerprint().get("test_frames");
        for (int i = 0; i < train.length; i++) assertEquals(i, train[i]);
        for (int i = 0; i < test.length; i++) assertEquals(40 + i, test[i]);
    }

    @Test
    void badSectionsAreOneLineErrors() throws IOException {
        String[][] cases = {
                {"lode:\n  weight: -1\n", "lode.weight"},
                {"lode:\n  smearing: 0\n", "lode.smearing"},
                {"lode:\n  exponent: 9\n", "lode.exponent"},
                {"lode:\n  sigma: 1\n", "sigma"},
        };
        for (String[] c : cases) {
            Path p = tmp.resolve("bad.yaml");
            Files.writeString(p, CONFIG.formatted(MONOMERS, "random", c[0]));
            InputException e = assertThrows(InputException.class, () -> TensorSettings.load(p), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("bad.yaml") && !e.getMessage().contains("\n"), e.getMessage());
        }
        Path p = tmp.resolve("repeats.yaml");
        Files.writeString(p, CONFIG.formatted(MONOMERS, "file\n  repeats: 3", ""));
        assertTrue(assertThrows(InputException.class, () -> TensorSettings.load(p)).getMessage().contains("split.repeats"));
        Path q = tmp.resolve("order.yaml");
        Files.writeString(q, CONFIG.formatted(MONOMERS, "sorted", ""));
        assertTrue(assertThrows(InputException.class, () -> TensorSettings.load(q)).getMessage().contains("split.order"));
        Path d = tmp.resolve("density.yaml");
        Files.writeString(d, "task: density\ndataset: x\nlode:\n  weight: 1.0\n");
        InputException e = assertThrows(InputException.class, () -> CoefficientSettings.load(d));
        assertTrue(e.getMessage().contains("lode") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
