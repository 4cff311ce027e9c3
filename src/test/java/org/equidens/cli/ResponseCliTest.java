package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.equidens.io.StructureIO;
import org.equidens.structure.Atoms;
import org.equidens.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train (task response), validate, predict and demo end to end on the bundled water data with a small
 * descriptor, and the one-line exit-2 answers to bad input (before any work).
 */
class ResponseCliTest {
    static final Path DATA = Path.of("data/water-monomers-pbe").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static String config(String extra) {
        return "task: response\n"
                + "dataset: " + DATA + "\n"
                + "descriptor:\n  n_max: 4\n  l_max: 4\n"
                + "sparse:\n  m0: 5\n"
                + "split:\n  train: [6]\n  test: 8\n  seed: 1\n"
                + "output: model\n" + extra;
    }

    static Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static Path model;

    @BeforeAll
    static void train() throws IOException {
        Path cfg = write("response.yaml", config(""));
        CliRunner r = CliRunner.run("train", cfg.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        model = tmp.resolve("model");
        assertTrue(Files.isRegularFile(model.resolve("model.json")), r.out());
        assertTrue(Files.isRegularFile(model.resolve("metrics.json")));
        assertSelfDescribing(model);
    }

    /** model.json names the equidens version and fingerprints the training data (issue 7: self-describing models). */
    static void assertSelfDescribing(Path dir) throws IOException {
        JsonNode j = JSON.readTree(dir.resolve("model.json").toFile());
        assertTrue(j.path("equidens_version").asText().length() > 0, "equidens_version");
        assertTrue(j.path("training_data").asText().matches("[0-9a-f]{64}"), "training_data: " + j.path("training_data"));
        assertTrue(j.path("training_structures").isArray() && j.path("training_structures").size() > 0, "training_structures");
    }

    @Test
    void validateWritesMetricsAndParityPlot() throws IOException {
        Path out = tmp.resolve("val");
        CliRunner r = CliRunner.run("validate", "--model", model.toString(), "--dataset", DATA.toString(), "--indices", "0-3,700", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(5, j.path("structures").asInt());
        assertTrue(j.path("rmse_percent").asDouble() > 0 && j.path("rmse_percent").asDouble() < 50, j.toString());
        assertTrue(j.path("alpha_rmse_bohr3").asDouble() < 2, j.toString());
        assertEquals(5, j.path("per_structure").size());
        assertTrue(Files.size(out.resolve("alpha_parity.png")) > 1000);
    }

    @Test
    void predictWritesCoefficientsInTheDatasetOrderAndAlpha() throws IOException {
        Path xyz = write("two.xyz", Files.readString(DATA.resolve("structures.xyz")).lines().limit(10).reduce("", (a, b) -> a + b + "\n"));
        Path out = tmp.resolve("pred");
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--structures", xyz.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Npy.Array c = Npy.read(out.resolve("coefficients/00000.npy"));
        assertTrue(Arrays.equals(new int[] {3, 196}, c.shape()), Arrays.toString(c.shape()));
        assertTrue(Files.isRegularFile(out.resolve("coefficients/00001.npy")));
        String pred = Files.readString(out.resolve("predictions.xyz"));
        assertTrue(pred.contains("alpha="), pred);
        assertTrue(pred.contains("response_charge="), pred);
    }

    @Test
    void predictNeutraliseOnRequestReportsTheRemovedCharges() throws IOException {
        Path xyz = write("two-n.xyz", Files.readString(DATA.resolve("structures.xyz")).lines().limit(10).reduce("", (a, b) -> a + b + "\n"));
        Path raw = tmp.resolve("pred-raw"), neu = tmp.resolve("pred-neutral");
        assertEquals(0, CliRunner.run("predict", "--model", model.toString(), "--structures", xyz.toString(), "--out", raw.toString()).exitCode());
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--structures", xyz.toString(), "--out", neu.toString(), "--neutralise");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("neutrality correction applied"), r.out());
        List<Atoms> a = StructureIO.readAll(raw.resolve("predictions.xyz")), b = StructureIO.readAll(neu.resolve("predictions.xyz"));
        assertEquals(2, b.size());
        for (int s = 0; s < 2; s++) {
            assertTrue(a.get(s).infoVector("response_charge_removed") == null && a.get(s).info().get("neutralised") == null, "never silent");
            assertEquals(Boolean.TRUE, b.get(s).info().get("neutralised"));
            double[] q = a.get(s).infoVector("response_charge"), removed = b.get(s).infoVector("response_charge_removed"),
                    after = b.get(s).infoVector("response_charge");
            for (int k = 0; k < 3; k++) {
                assertEquals(q[k], removed[k], 1e-8 * Math.max(1, Math.abs(q[k])), "removed = raw ∫ρ1_" + k);
                assertEquals(0.0, after[k], 1e-10, "∫ρ1_" + k + " after the correction");
            }
            // the written coefficients are the corrected ones: they differ from the raw ones by the correction only
            Npy.Array ca = Npy.read(raw.resolve(String.format("coefficients/%05d.npy", s))), cb = Npy.read(neu.resolve(String.format("coefficients/%05d.npy", s)));
            double diff = 0;
            for (int i = 0; i < ca.data().length; i++) diff = Math.max(diff, Math.abs(ca.data()[i] - cb.data()[i]));
            assertTrue(diff > 0, "coefficients corrected");
        }
        // a density or tensor model refuses the option in one line, before any work
        Path dens = write("density.yaml", config("").replace("task: response", "task: density").replace("output: model", "output: dmodel"));
        assertEquals(0, CliRunner.run("train", dens.toString()).exitCode());
        CliRunner d = CliRunner.run("predict", "--model", tmp.resolve("dmodel").toString(), "--structures", xyz.toString(), "--out",
                tmp.resolve("pred-d").toString(), "--neutralise");
        assertEquals(2, d.exitCode(), d.out());
        assertEquals(1, d.errLines(), d.err());
        assertTrue(d.err().contains("--neutralise applies to response models"), d.err());
        assertFalse(Files.exists(tmp.resolve("pred-d")));
    }

    @Test
    void unknownSpeciesAtPredictionIsExit2() throws IOException {
        Path xyz = write("methane.xyz", "2\nProperties=species:S:1:pos:R:3\nC 0 0 0\nH 1.09 0 0\n");
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--structures", xyz.toString(), "--out", tmp.resolve("p2").toString());
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("element C"), r.err());
        assertFalse(Files.exists(tmp.resolve("p2")), "no work (no output) before the error");
    }

    @Test
    void badConfigsAreExit2() throws IOException {
        String[][] cases = {
            {config("colour: blue\n"), "unknown key 'colour'"},
            {config("").replace("m0: 5", "m0: 0"), "key 'sparse.m0': must be >= 1"},
            {config("solver:\n  method: magic\n"), "key 'solver.method': unknown value 'magic'"},
            {config("").replace("train: [6]", "train: [2000]"), "key 'split.train': 2000 leaves no test structures"},
            {config("baseline: true\n"), "key 'baseline': only for task density"},
        };
        for (String[] c : cases) {
            Path cfg = write("bad.yaml", c[0]);
            CliRunner r = CliRunner.run("train", cfg.toString());
            assertEquals(2, r.exitCode(), c[1] + ": " + r.err() + r.out());
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().contains(c[1]), "expected '" + c[1] + "' in: " + r.err());
        }
    }

    @Test
    void basisMissingAnElementIsExit2() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ch-data"));
        Files.writeString(dir.resolve("s.xyz"), "2\nProperties=species:S:1:pos:R:3\nC 0 0 0\nH 1.09 0 0\n");
        Files.writeString(dir.resolve("dataset.yaml"), "format: 1\nstructures: s.xyz\nbasis:\n  file: " + DATA.resolve("basis/aug-cc-pvtz-jkfit.gbs")
                + "\n  m_order: psi4\n");
        CliRunner r = CliRunner.run("validate", "--model", model.toString(), "--dataset", dir.toString(), "--out", tmp.resolve("v2").toString());
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("no basis functions for element C"), r.err());
    }

    @Test
    void demoRunsTheBenchmarkAndWritesAModelAndMetrics() throws IOException {
        Path out = tmp.resolve("demo");
        CliRunner r = CliRunner.run("demo", "--dataset", DATA.toString(), "--train", "4", "--m0", "4", "--test", "12", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = JSON.readTree(out.resolve("metrics.json").toFile());
        for (String key : new String[] {"rmse_percent", "salter_rmse_percent", "alpha_rmse_bohr3", "alpha_df_rmse_bohr3", "rotated_error_spread", "train_seconds"})
            assertTrue(j.has(key), key);
        assertTrue(Files.isRegularFile(out.resolve("model/model.json")));
        assertSelfDescribing(out.resolve("model"));
        // the demo's model is a model directory predict accepts
        Path xyz = write("three.xyz", Files.readString(DATA.resolve("structures.xyz")).lines().limit(15).reduce("", (a, b) -> a + b + "\n"));
        CliRunner p = CliRunner.run("predict", "--model", out.resolve("model").toString(), "--structures", xyz.toString(),
                "--out", tmp.resolve("demo-pred").toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(Files.isRegularFile(tmp.resolve("demo-pred/coefficients/00002.npy")));
    }
}
