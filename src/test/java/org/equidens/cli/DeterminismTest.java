package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same config and seed give bit-identical model files on the same machine (parallel loops,
 * FPS, splits and solvers included). Timing and version stamps are the only fields allowed to
 * differ, and they live in metrics.json and model.json's "equidens_version", which are compared
 * without the timings.
 */
class DeterminismTest {
    static final Path DATA = Path.of("data").toAbsolutePath();

    @TempDir
    Path tmp;

    private static String config(String task) {
        if (task.equals("tensor")) {
            return "task: tensor\nstructures: " + DATA.resolve("water-tensors/monomers_1000.xyz") + "\ntarget: alpha\n"
                    + "descriptor:\n  n_max: 4\n  l_max: 3\n  center_species: [O]\n"
                    + "sparse:\n  m0: 20\n"
                    + "split:\n  train: [20]\n  test: 10\n  pool: 40\n  seed: 3\n"
                    + "committee:\n  members: 4\n"
                    + "output: model\n";
        }
        return "task: response\ndataset: " + DATA.resolve("water-monomers-pbe") + "\n"
                + "descriptor:\n  n_max: 4\n  l_max: 3\n"
                + "sparse:\n  m0: 6\n"
                + "split:\n  train: [6]\n  test: 4\n  seed: 3\n"
                + "output: model\n";
    }

    @ParameterizedTest(name = "task {0}")
    @ValueSource(strings = {"tensor", "response"})
    void sameConfigAndSeedGiveBitIdenticalModelFiles(String task) throws IOException {
        // Same folder both times (the model records its config and output paths), the first result moved aside.
        Path a = tmp.resolve("first");
        Files.move(train(task, tmp.resolve("run")), a);
        Path b = train(task, tmp.resolve("run"));
        List<Path> filesA = files(a), filesB = files(b);
        assertEquals(filesA.stream().map(a::relativize).toList(), filesB.stream().map(b::relativize).toList());
        assertFalse(filesA.isEmpty());
        for (Path fa : filesA) {
            Path rel = a.relativize(fa);
            String name = rel.getFileName().toString();
            if (name.equals("metrics.json") || name.endsWith(".png")) continue; // wall-clock times inside
            assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(b.resolve(rel)), rel + " differs between two runs");
        }
    }

    private static Path train(String task, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve("model"))) throw new IllegalStateException("model already there");
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, config(task));
        CliRunner r = CliRunner.run("train", cfg.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        return dir.resolve("model");
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
