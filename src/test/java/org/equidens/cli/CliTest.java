package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The commands of this issue end to end, on the bundled data, and their answers to bad input. */
class CliTest {
    private static final Path DATA = Path.of("data/water-monomers-pbe");

    @TempDir
    static Path tmp;

    @Test
    void demoReproducesPsi4IntegralsAndTheReferencePolarizabilities() {
        CliRunner r = CliRunner.run("demo", "--dataset", DATA.toString(), "--train", "4", "--m0", "4", "--test", "10", "--no-salter",
                "--out", tmp.resolve("demo").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, r.errLines(), r.err());
        assertTrue(number(r.out(), "overlap max \\|Δ\\| = (\\S+),") < 1e-10, r.out());
        assertTrue(number(r.out(), "Coulomb max \\|Δ\\| = (\\S+)  ") < 1e-10, r.out());
        // α from the analytic dipole integrals and the reference coefficients is the data's alpha_df
        assertTrue(number(r.out(), "alpha_df \\(same quantity\\): RMSE (\\S+) bohr") < 1e-8, r.out());
        // and sits at the density-fitting floor against CPKS α quoted by the data README (RMSE 0.028)
        double floor = number(r.out(), "CPKS alpha \\(the density-fitting floor\\): RMSE (\\S+) bohr");
        assertEquals(0.028, floor, 0.002, r.out());
        assertTrue(r.out().contains("electrons ∫ρ from coefficients 10.00004 to 10.00049"), r.out());
    }

    @Test
    void infoSummarisesTheDatasetAndChecksCounts() {
        CliRunner r = CliRunner.run("info", DATA.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("structures: 1000, atoms per structure: 3"), r.out());
        assertTrue(r.out().contains("H    46 functions"), r.out());
        assertTrue(r.out().contains("O   104 functions"), r.out());
        assertTrue(r.out().contains("target response  response_coefficients.npy shape [1000, 3, 196]"), r.out());
        assertTrue(r.out().contains("coefficient counts match the basis"), r.out());
    }

    @Test
    void infoSummarisesAPeriodicStructureFile() {
        CliRunner r = CliRunner.run("info", "data/water-tensors/bulk_1000.xyz");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("atoms per structure: 96"), r.out());
        assertTrue(r.out().contains("1000 periodic structures"), r.out());
        assertTrue(r.out().contains("alpha real[9]"), r.out());
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path d = Files.createTempDirectory("equidens-bad");
        String frame = "3\nProperties=species:S:1:pos:R:3\nO 0 0 0\nH 0.9 0 0\nH 0 0.9 0\n";
        Path truncated = write(d, "truncated.xyz", "3\ncomment\nO 0 0 0\nH 1 0 0\n");
        Path badNumber = write(d, "badnumber.xyz", "3\ncomment\nO 0 0 0\nH 1.2.3 0 0\nH 0 1 0\n");
        Path unknown = write(d, "unknown.xyz", "3\ncomment\nO 0 0 0\nXx 1 0 0\nH 0 1 0\n");
        Path binary = d.resolve("binary.xyz");
        Files.write(binary, new byte[] {0, 1, 2, 3, (byte) 0xff, 10, 0});

        Path gbsUnknownElement = dataset(d, "gbs-unknown-element", frame,
                "spherical\n****\nQq 0\nS 1 1.00\n 1.0 1.0\n****\n", 1, 5);
        Path gbsUnknownShell = dataset(d, "gbs-unknown-shell", frame,
                "spherical\n****\nO 0\nS 1 1.00\n 1.0 1.0\n****\nH 0\nE 1 1.00\n 1.0 1.0\n****\n", 1, 5);
        Path missingElement = dataset(d, "basis-missing-element", frame,
                "spherical\n****\nO 0\nS 1 1.00\n 1.0 1.0\n****\n", 1, 3);
        Path wrongCount = dataset(d, "wrong-count", frame,
                "spherical\n****\nO 0\nS 1 1.00\n 1.0 1.0\n****\nH 0\nS 1 1.00\n 1.0 1.0\n****\n", 1, 4);
        Path badYaml = d.resolve("bad-yaml");
        Files.createDirectories(badYaml);
        Files.writeString(badYaml.resolve("dataset.yaml"), "format: 1\nstructures: s.xyz\nbasis: {file: b.gbs}\nbogus: 3\n");

        return Stream.of(
                Arguments.of(truncated, List.of("info", truncated.toString()), "truncated.xyz:5"),
                Arguments.of(badNumber, List.of("info", badNumber.toString()), "badnumber.xyz:4"),
                Arguments.of(unknown, List.of("info", unknown.toString()), "unknown.xyz:4"),
                Arguments.of(binary, List.of("info", binary.toString()), "binary.xyz"),
                Arguments.of(gbsUnknownElement, List.of("info", gbsUnknownElement.toString()), "basis.gbs:3"),
                Arguments.of(gbsUnknownShell, List.of("info", gbsUnknownShell.toString()), "basis.gbs:8"),
                Arguments.of(missingElement, List.of("info", missingElement.toString()), "basis.gbs"),
                Arguments.of(wrongCount, List.of("info", wrongCount.toString()), "density.npy"),
                Arguments.of(badYaml, List.of("info", badYaml.toString()), "unknown key 'bogus'"),
                Arguments.of(d, List.of("info", d.resolve("nothing-here.xyz").toString()), "nothing-here.xyz"),
                Arguments.of(d, List.of("demo", "--dataset", wrongCount.toString()), "density.npy"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInputs")
    void badInputGivesOneLineNamingTheFileAndExitTwo(Path input, List<String> args, String mustContain) {
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(mustContain), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void wrongCoefficientCountNamesBothNumbers() throws IOException {
        Path ds = dataset(Files.createTempDirectory("equidens-count"), "count", "1\n\nO 0 0 0\n",
                "spherical\n****\nO 0\nS 1 1.00\n 1.0 1.0\nP 1 1.00\n 1.0 1.0\n****\n", 1, 5);
        CliRunner r = CliRunner.run("info", ds.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("5 coefficients per structure, but the basis gives 4"), r.err());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A tiny dataset folder: structures, basis, and a density array of the given shape. */
    private static Path dataset(Path parent, String name, String xyz, String gbs, int frames, int ncoef) throws IOException {
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.xyz"), xyz);
        Files.writeString(dir.resolve("basis.gbs"), gbs);
        org.equidens.io.Npy.write(dir.resolve("density.npy"), new double[frames * ncoef], frames, ncoef);
        Files.writeString(dir.resolve("dataset.yaml"), "format: 1\nstructures: s.xyz\nbasis:\n  file: basis.gbs\n  m_order: psi4\n"
                + "targets:\n  density:\n    file: density.npy\n");
        return dir;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) throw new AssertionError("no match for " + regex + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
