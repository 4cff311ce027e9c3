package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plots of train and validate are written and are real PNG images; --quiet leaves stdout empty
 * but still writes the results; --verbose prints the time of every step (the PCG iterations among
 * them) to stderr; every command that computes takes --threads, --quiet and --verbose.
 */
class PlotsAndLoggingCliTest {
    static final Path DATA = Path.of("data").toAbsolutePath();

    @TempDir
    static Path tmp;

    static Path model;
    static CliRunner trained;

    @BeforeAll
    static void train() throws IOException {
        Path cfg = tmp.resolve("response.yaml");
        Files.writeString(cfg, "task: response\ndataset: " + DATA.resolve("water-monomers-pbe") + "\n"
                + "descriptor:\n  n_max: 4\n  l_max: 3\n"
                + "sparse:\n  m0: 5\n"
                + "solver:\n  method: cg\n"
                + "split:\n  train: [3, 6]\n  test: 6\n  seed: 2\n"
                + "output: model\n");
        trained = CliRunner.run("train", cfg.toString(), "--verbose", "--threads", "1");
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());
        model = tmp.resolve("model");
    }

    static void assertPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " missing");
        byte[] head = Arrays8.head(png);
        assertEquals((byte) 0x89, head[0], png + " is not a PNG");
        assertEquals('P', head[1]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " does not decode");
        assertTrue(img.getWidth() >= 400 && img.getHeight() >= 400, png + ": " + img.getWidth() + "×" + img.getHeight());
    }

    @Test
    void trainWritesLearningCurveParityAndHistogram() throws IOException {
        for (String f : List.of("learning_curve.png", "coefficient_parity.png", "error_histogram.png", "alpha_parity.png")) assertPng(model.resolve(f));
    }

    @Test
    void verboseTimesEveryStepOnStderr() {
        for (String step : List.of("λ=0 features", "features and kernel rows", "overlap matrices", "PCG iterations", "prediction", "learning curve"))
            assertTrue(trained.err().contains("[time] " + step), "no timing of '" + step + "' in:\n" + trained.err());
        assertTrue(trained.out().contains("wrote"), trained.out());
    }

    @Test
    void validateWritesParityPlotsAndHistogram() throws IOException {
        Path out = tmp.resolve("val");
        CliRunner r = CliRunner.run("validate", "--model", model.toString(), "--dataset", DATA.resolve("water-monomers-pbe").toString(),
                "--indices", "100-119", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("coefficient_parity.png", "error_histogram.png", "alpha_parity.png")) assertPng(out.resolve(f));
    }

    @Test
    void quietWritesResultsButNothingOnStdout() throws IOException {
        Path out = tmp.resolve("quiet");
        CliRunner r = CliRunner.run("validate", "--model", model.toString(), "--dataset", DATA.resolve("water-monomers-pbe").toString(),
                "--indices", "100-102", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        // errors are still printed
        CliRunner bad = CliRunner.run("validate", "--model", tmp.resolve("nothing").toString(), "--dataset", DATA.resolve("water-monomers-pbe").toString(), "--quiet");
        assertEquals(Main.EXIT_USAGE, bad.exitCode());
        assertEquals(1, bad.errLines(), bad.err());
    }

    @Test
    void tensorTrainWritesParityAndHistogram() throws IOException {
        Path cfg = tmp.resolve("tensor.yaml");
        Files.writeString(cfg, "task: tensor\nstructures: " + DATA.resolve("water-tensors/monomers_1000.xyz") + "\ntarget: alpha\n"
                + "descriptor:\n  n_max: 4\n  l_max: 3\n  center_species: [O]\n"
                + "sparse:\n  m0: 10\n"
                + "split:\n  train: [10, 20]\n  test: 10\n  pool: 40\n  seed: 3\n"
                + "output: tensor-model\n");
        CliRunner r = CliRunner.run("train", cfg.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertEquals("", r.out());
        for (String f : List.of("learning_curve.png", "parity.png", "error_histogram.png")) assertPng(tmp.resolve("tensor-model").resolve(f));
        assertFalse(Files.exists(tmp.resolve("tensor-model.checkpoint")));
    }

    @Test
    void everyComputingCommandTakesTheSharedOptions() {
        String[][] commands = {{"demo"}, {"train"}, {"validate"}, {"predict"}, {"descriptors"}, {"cube"},
                {"bench", "blas"}, {"bench", "descriptors"}, {"bench", "response"}, {"bench", "sampling"}};
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 1);
            args[c.length] = "--help";
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.exitCode(), String.join(" ", c) + ": " + r.err());
            for (String o : List.of("--threads", "--quiet", "--verbose")) assertTrue(r.out().contains(o), String.join(" ", c) + " has no " + o + ":\n" + r.out());
        }
    }

    /** The first bytes of a file. */
    static final class Arrays8 {
        static byte[] head(Path p) throws IOException {
            try (var in = Files.newInputStream(p)) {
                return in.readNBytes(8);
            }
        }
    }
}
