package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.equidens.realspace.CubeFile;
import org.equidens.realspace.GridMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cube and profile commands end to end, and their answers to bad input. */
class RealSpaceCliTest {
    private static final Path DATA = Path.of("data/water-monomers-pbe");
    private static final Path PSI4_Z = DATA.resolve("cubes/response_z_00000.cube");

    @TempDir
    Path tmp;

    @Test
    void cubeLikeAPsi4CubeReproducesItToTheFittingError() {
        Path out = tmp.resolve("pred_z.cube");
        CliRunner r = CliRunner.run("cube", "--dataset", DATA.toString(), "--frame", "0", "--target", "response",
                "--field", "z", "--like", PSI4_Z.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, r.errLines(), r.err());
        CubeFile ref = CubeFile.read(PSI4_Z), pred = CubeFile.read(out);
        assertTrue(pred.grid().sameAs(ref.grid(), 1e-9));
        assertArrayEquals(ref.atomicNumbers(), pred.atomicNumbers());
        double l2 = GridMetrics.relativeL2(pred.data().values(), ref.data().values());
        assertTrue(l2 < 0.02, "relative L2 " + l2);
        assertTrue(r.out().contains("[67, 76, 62] = 315704 points"), r.out());
    }

    @Test
    void cubeOnItsOwnGridAndItsPlanarAverage() throws IOException {
        Path out = tmp.resolve("density.cube");
        CliRunner r = CliRunner.run("cube", "--dataset", DATA.toString(), "--frame", "3", "--spacing", "0.25",
                "--margin", "5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        CubeFile c = CubeFile.read(out);
        assertEquals(0.25, c.grid().voxel(0)[0], 1e-12);
        double electrons = c.data().integral();
        // a 0.25-bohr grid neither resolves the oxygen core nor holds the tails: about 10, not exactly
        assertTrue(electrons > 9.5 && electrons < 10.5, "∫ρ = " + electrons);
        Path csv = tmp.resolve("p.csv"), png = tmp.resolve("p.png");
        CliRunner p = CliRunner.run("profile", "--cube", out.toString(), "--axis", "y", "--out", csv.toString(),
                "--png", png.toString());
        assertEquals(0, p.exitCode(), p.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("position_bohr,average,plane_integral_per_bohr", lines.get(0));
        assertEquals(c.grid().count(1) + 1, lines.size());
        // the plane integrals per unit length integrate (rectangle rule) to the total
        double total = 0;
        for (String l : lines.subList(1, lines.size())) total += Double.parseDouble(l.split(",")[2]) * 0.25;
        assertEquals(electrons, total, 1e-6);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void cubeOfAPeriodicStructureFillsItsCellAndHoldsAllOfTheCharge() throws IOException {
        Path dir = tmp.resolve("cell-dataset");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.xyz"), "2\nLattice=\"6 0 0 0.5 5.5 0 0 0 6.5\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"
                + "H 0.1 0.2 0.3\nH 0.84 0.2 0.3\n");
        Files.writeString(dir.resolve("basis.gbs"), "spherical\n****\nH 0\nS 1 1.00\n 0.5 1.0\nP 1 1.00\n 0.8 1.0\n****\n");
        double[] c = {1.0, 0.2, -0.1, 0.3, 0.7, 0, 0.1, 0};
        org.equidens.io.Npy.write(dir.resolve("density.npy"), c, 1, 8);
        Files.writeString(dir.resolve("dataset.yaml"), "format: 1\nstructures: s.xyz\nbasis:\n  file: basis.gbs\n  m_order: psi4\n"
                + "targets:\n  density:\n    file: density.npy\n");
        Path out = tmp.resolve("cell.cube");
        CliRunner r = CliRunner.run("cube", "--dataset", dir.toString(), "--spacing", "0.3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        CubeFile cube = CubeFile.read(out);
        assertArrayEquals(new double[3], cube.grid().origin(), 0);
        double a = 6 / org.equidens.basis.Units.BOHR_IN_ANGSTROM;
        // the grid tiles the cell once (to the 6 decimals of the cube header)
        assertEquals(a, cube.grid().count(0) * cube.grid().voxel(0)[0], 1e-4);
        // with periodic images the cell holds the whole charge of the coefficients (s functions only)
        double expected = Double.parseDouble(r.out().replaceAll("(?s).*all space: ([-0-9.]+)\\).*", "$1"));
        assertEquals(expected, cube.data().integral(), 1e-5 * expected); // 5 significant digits per value
        assertTrue(Math.abs(expected) > 0.1);
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path d = Files.createTempDirectory("equidens-cube-bad");
        String header = "title\ncomment\n    1    0.0 0.0 0.0\n    2    0.5 0.0 0.0\n    2    0.0 0.5 0.0\n    3    0.0 0.0 0.5\n"
                + "    1    1.0 0.0 0.0 0.0\n";
        Path wrongDims = write(d, "wrong-dims.cube", header + "1 2 3 4 5 6\n7 8 9 10 11 12\n13 14\n");
        Path truncated = write(d, "truncated.cube", header + "1 2 3 4 5 6\n7 8 9\n");
        Path badNumber = write(d, "bad-number.cube", header + "1 2 3 4 5 6\n7 8 9 1.0.0 11 12\n");
        Path shortHeader = write(d, "short-header.cube", "title\ncomment\n    1    0.0 0.0\n");
        String ds = DATA.toString();
        return Stream.of(
                Arguments.of(List.of("profile", "--cube", wrongDims.toString(), "--out", "OUT"), "wrong-dims.cube:10"),
                Arguments.of(List.of("profile", "--cube", truncated.toString(), "--out", "OUT"), "truncated.cube:9"),
                Arguments.of(List.of("profile", "--cube", badNumber.toString(), "--out", "OUT"), "bad-number.cube:9"),
                Arguments.of(List.of("profile", "--cube", shortHeader.toString(), "--out", "OUT"), "short-header.cube:3"),
                Arguments.of(List.of("profile", "--cube", d.resolve("none.cube").toString(), "--out", "OUT"), "none.cube"),
                Arguments.of(List.of("profile", "--cube", PSI4_Z.toString(), "--axis", "w", "--out", "OUT"), "--axis"),
                Arguments.of(List.of("cube", "--dataset", ds, "--like", wrongDims.toString(), "--out", "OUT"), "wrong-dims.cube:10"),
                Arguments.of(List.of("cube", "--dataset", ds, "--frame", "1000", "--out", "OUT"), "frame 1000 out of range"),
                Arguments.of(List.of("cube", "--dataset", ds, "--target", "response", "--out", "OUT"), "--field"),
                Arguments.of(List.of("cube", "--dataset", ds, "--target", "response", "--field", "w", "--out", "OUT"), "--field"),
                Arguments.of(List.of("cube", "--dataset", ds, "--target", "spin", "--out", "OUT"), "--target"),
                Arguments.of(List.of("cube", "--dataset", ds, "--spacing", "0", "--out", "OUT"), "--spacing"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInputs")
    void badInputGivesOneLineExitTwoAndNoOutput(List<String> args, String mustContain) throws IOException {
        Path out = tmp.resolve("out.file");
        String[] a = args.stream().map(s -> s.equals("OUT") ? out.toString() : s).toArray(String[]::new);
        CliRunner r = CliRunner.run(a);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(mustContain), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "output left behind");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "temporary files left behind");
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
