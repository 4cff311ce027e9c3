package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equidens.io.ExtXyz;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** equidens train / predict on a small slice of the water monomers. */
class TrainPredictCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainThenPredict() throws IOException {
        Path data = Path.of("data/water-tensors/monomers_1000.xyz").toAbsolutePath();
        Path cfg = tmp.resolve("alpha.yaml");
        Files.writeString(cfg, """
                task: tensor
                structures: %s
                target: alpha
                descriptor: {center_species: [O], n_max: 6, l_max: 4}
                sparse: {m0: 100}
                split: {train: [20, 40], test: 30, pool: 120, repeats: 2, seed: 3}
                committee: {members: 4, subsample: 0.8, calibration: 0.25}
                output: model
                """.formatted(data));
        CliRunner r = CliRunner.run("train", cfg.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Path model = tmp.resolve("model");
        for (String f : List.of("model.json", "metrics.json", "config.yaml", "learning_curve.png", "lambda_0/weights.npy", "lambda_2/committee.npy"))
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        JsonNode metrics = new ObjectMapper().readTree(model.resolve("metrics.json").toFile());
        assertEquals(2, metrics.get("learning_curve").size());
        JsonNode last = metrics.get("learning_curve").get(1);
        assertEquals(40, last.get("train").asInt());
        assertTrue(last.get("blocks").get("lambda_2").get("percent_of_std").asDouble() < 5, last.toString());
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(1, json.get("format_version").asInt());
        assertEquals(64, json.get("training_data").get("sha256").asText().length());

        Path in = tmp.resolve("three.xyz");
        List<Atoms> frames = ExtXyz.readAll(data).subList(900, 903);
        ExtXyz.write(in, frames);
        Path out = tmp.resolve("pred");
        CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--structures", in.toString(), "--out", out.toString());
        assertEquals(0, p.exitCode(), p.err());
        List<Atoms> back = ExtXyz.readAll(out.resolve("predictions.xyz"));
        assertEquals(3, back.size());
        for (int s = 0; s < 3; s++) {
            double[] a = back.get(s).infoVector("alpha"), sd = back.get(s).infoVector("alpha_std");
            assertNotNull(sd);
            assertEquals(9, a.length);
            assertEquals(9, sd.length);
            double[] ref = frames.get(s).infoVector("alpha");
            for (int k = 0; k < 9; k++) assertEquals(ref[k], a[k], 0.05 * Math.abs(ref[0]), "component " + k);
            for (double v : sd) assertTrue(v >= 0);
        }
    }

    @Test
    void userMistakesExitTwoWithOneLine() throws IOException {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "task: tensor\nstructures: x.xyz\nkernal: {zeta: 2}\n");
        CliRunner r = CliRunner.run("train", cfg.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("unknown key 'kernal'"), r.err());

        CliRunner p = CliRunner.run("predict", "--model", tmp.resolve("none").toString(), "--structures", cfg.toString(), "--out", tmp.toString());
        assertEquals(2, p.exitCode());
        assertEquals(1, p.errLines(), p.err());
        assertTrue(p.err().contains("not a model directory"), p.err());
        assertFalse(Files.exists(tmp.resolve("predictions.xyz")));
    }
}
