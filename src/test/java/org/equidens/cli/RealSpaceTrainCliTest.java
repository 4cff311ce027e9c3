package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code train} with {@code loss.kind: realspace}, {@code grid-samples} and {@code grid-validate} end to end, and their answers to bad input. */
class RealSpaceTrainCliTest {
    private static final Path DATA = Path.of("data/water-monomers-pbe").toAbsolutePath();
    private static final Path BUNDLE = DATA.resolve("grid-samples");

    @TempDir
    Path tmp;

    private Path config(String loss) throws IOException {
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, "task: response\ndataset: " + DATA + "\nsparse:\n  m0: 20\nsplit:\n  train: 3\n  test: 2\n  seed: 0\noutput: "
                + tmp.resolve("model") + "\nthreads: 2\n" + loss);
        return c;
    }

    @Test
    void trainsOnBundledGridDataAndWritesAModelTheOtherCommandsRead() throws IOException {
        Path c = config("loss:\n  kind: realspace\n  samples: " + BUNDLE.resolve("full-grid") + "\n  ridge: 1.0e-2\n  anchor: coefficients\n");
        CliRunner r = CliRunner.run("train", c.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("real-space loss"), r.out());
        String json = Files.readString(tmp.resolve("model/model.json"));
        assertTrue(json.contains("\"realspace\""), json);
        CliRunner v = CliRunner.run("grid-validate", "--grids", BUNDLE.toString(), "--model", tmp.resolve("model").toString());
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().contains("mean relative L2"), v.out());
        CliRunner cube = CliRunner.run("cube", "--model", tmp.resolve("model").toString(), "--structures", DATA.resolve("structures.xyz").toString(),
                "--frame", "0", "--field", "z", "--spacing", "0.5", "--out", tmp.resolve("z.cube").toString());
        assertEquals(0, cube.exitCode(), cube.err());
        CliRunner val = CliRunner.run("validate", "--model", tmp.resolve("model").toString(), "--dataset", DATA.toString(), "--indices", "8",
                "--out", tmp.resolve("val").toString());
        assertEquals(0, val.exitCode(), val.err());
        Path xyz = tmp.resolve("one.xyz");
        Files.writeString(xyz, String.join("\n", Files.readAllLines(DATA.resolve("structures.xyz")).subList(0, 5)) + "\n");
        CliRunner pred = CliRunner.run("predict", "--model", tmp.resolve("model").toString(), "--structures", xyz.toString(), "--out", tmp.resolve("pred").toString());
        assertEquals(0, pred.exitCode(), pred.err());
        assertTrue(Files.isRegularFile(tmp.resolve("pred/predictions.xyz")));
    }

    @Test
    void gridSamplesFromCubesWritesPointsAndTestGrids() throws IOException {
        Path frames = tmp.resolve("frames.txt");
        Files.writeString(frames, "0\n");
        String pattern = DATA.resolve("cubes/response_{field}_{frame}.cube").toString();
        CliRunner r = CliRunner.run("grid-samples", "--cubes", pattern, "--frames", frames.toString(), "--points", "50", "--out", tmp.resolve("s").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("s/points_bohr.npy")));
        CliRunner t = CliRunner.run("grid-samples", "--cubes", pattern, "--frames", frames.toString(), "--train", "0", "--out", tmp.resolve("t").toString());
        assertEquals(0, t.exitCode(), t.err());
        // the reference coefficients on frame 0's subsampled Psi4 grid: the density-fitting floor, ≈ 1.5 % L2
        CliRunner v = CliRunner.run("grid-validate", "--grids", tmp.resolve("t").toString(), "--dataset", DATA.toString());
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().contains("mean relative L2 1.5"), v.out());
    }

    static Stream<Arguments> badLoss() {
        return Stream.of(
                Arguments.of("loss:\n  kind: realspace\n  colour: blue\n", "colour"),
                Arguments.of("loss:\n  kind: grid\n", "loss.kind"),
                Arguments.of("loss:\n  kind: realspace\n", "exactly one of"),
                Arguments.of("loss:\n  kind: realspace\n  samples: " + BUNDLE.resolve("full-grid") + "\n  cubes: a/{frame}_{field}.cube\n", "exactly one of"),
                Arguments.of("loss:\n  kind: realspace\n  samples: " + BUNDLE.resolve("full-grid") + "\n  points: 10\n", "loss.points"),
                Arguments.of("loss:\n  kind: realspace\n  cubes: a/f.cube\n", "loss.cubes"),
                Arguments.of("loss:\n  kind: realspace\n  cubes: a/{frame}_{field}.cube\n  lifs_tolerance: 1.5\n", "loss.lifs_tolerance"),
                Arguments.of("loss:\n  kind: realspace\n  cubes: a/{frame}_{field}.cube\n  full_grid: true\n  points: 5\n", "loss.points"),
                Arguments.of("loss:\n  kind: realspace\n  samples: " + BUNDLE.resolve("full-grid") + "\n  ridge: -1\n", "loss.ridge"),
                Arguments.of("loss:\n  kind: realspace\n  samples: " + BUNDLE.resolve("full-grid") + "\n  anchor: zero\n", "loss.anchor"),
                Arguments.of("loss:\n  kind: coefficients\n  ridge: 1.0e-3\n", "loss.ridge"),
                Arguments.of("loss:\n  kind: realspace\n  samples: /no/such/folder\n", "loss.samples"));
    }

    @ParameterizedTest
    @MethodSource("badLoss")
    void badLossSectionsAreOneLineErrors(String loss, String expected) throws IOException {
        Path c = config(loss);
        CliRunner r = CliRunner.run("train", c.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(Files.exists(tmp.resolve("model")));
    }

    @Test
    void lossIsOnlyForTheResponseTask() throws IOException {
        Path c = tmp.resolve("d.yaml");
        Files.writeString(c, "task: density\ndataset: " + DATA + "\nsplit:\n  train: 3\noutput: " + tmp.resolve("m") + "\nloss:\n  kind: realspace\n  samples: "
                + BUNDLE.resolve("full-grid") + "\n");
        CliRunner r = CliRunner.run("train", c.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("task response only"), r.err());
    }

    @Test
    void gridSamplesRejectsABadPatternAndMissingCubes() throws IOException {
        Path frames = tmp.resolve("frames.txt");
        Files.writeString(frames, "0\n5\n");
        CliRunner a = CliRunner.run("grid-samples", "--cubes", "x.cube", "--frames", frames.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, a.exitCode());
        assertTrue(a.err().contains("{frame}"), a.err());
        CliRunner b = CliRunner.run("grid-samples", "--cubes", DATA.resolve("cubes/response_{field}_{frame}.cube").toString(), "--frames", frames.toString(),
                "--out", tmp.resolve("o").toString());
        assertEquals(2, b.exitCode());
        assertEquals(1, b.errLines(), b.err());
        assertTrue(b.err().contains("frame 5"), b.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
