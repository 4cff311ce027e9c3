package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real response training in a child JVM is killed with SIGKILL while its PCG runs; {@code train
 * --resume} then continues from the checkpoint (the finished N = 5 point from its record, the N = 20
 * solve from its saved iteration) and must end with the model files of an uninterrupted run, bit for
 * bit (metrics.json up to its wall-clock fields; plots hold those times too). The killed run must leave
 * no model directory, half or whole, and a checkpoint of another config must be refused.
 */
class ResumeAfterKillTest {
    static final Path DATA = Path.of("data").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String config(int seed) {
        // PCG to an unreachable tolerance: 1500 iterations of 3570 weights, several seconds
        return "task: response\ndataset: " + DATA.resolve("water-monomers-pbe") + "\n"
                + "descriptor:\n  n_max: 4\n  l_max: 3\n"
                + "sparse:\n  m0: 20\n"
                + "solver:\n  method: cg\n  cg_tolerance: 1.0e-14\n  cg_max_iterations: 1500\n"
                + "split:\n  train: [5, 20]\n  test: 5\n  seed: " + seed + "\n"
                + "output: model\n";
    }

    @Test
    void killedTrainingResumesToTheSameModelFiles() throws Exception {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, config(1));
        // every run in its own JVM, as in real use: what differs between processes (map orders...) must not reach the files
        Result first = child(cfg, "reference.log", "--checkpoint-every", "0");
        assertEquals(0, first.exitCode(), first.log());
        assertFalse(Files.exists(tmp.resolve("model.checkpoint")), "the checkpoint is removed once the model is written");
        Path reference = tmp.resolve("reference");
        Files.move(tmp.resolve("model"), reference);

        Process child = start(cfg, "killed.log", "--checkpoint-every", "0");
        Path state = tmp.resolve("model.checkpoint").resolve("cg_N20_0.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(state) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(child.isAlive(), "the child ended before its N = 20 solve saved a state: " + Files.readString(tmp.resolve("killed.log")));
        assertTrue(Files.exists(state), "no PCG checkpoint within 60 s");
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        Set<String> left;
        try (Stream<Path> s = Files.list(tmp)) {
            left = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("config.yaml", "reference", "reference.log", "killed.log", "model.checkpoint"), left, "the killed run left something besides its checkpoint");
        assertTrue(Files.exists(tmp.resolve("model.checkpoint").resolve("N5.json")), "the finished N = 5 point is recorded");

        // another config (seed) must not resume this checkpoint
        Files.writeString(cfg, config(2));
        CliRunner other = CliRunner.run("train", cfg.toString(), "--resume");
        assertEquals(Main.EXIT_USAGE, other.exitCode(), other.err() + other.out());
        assertEquals(1, other.errLines(), other.err());
        assertTrue(other.err().contains("another config"), other.err());
        assertFalse(Files.exists(tmp.resolve("model")));

        Files.writeString(cfg, config(1));
        Result resumed = child(cfg, "resumed.log", "--resume", "--checkpoint-every", "0");
        assertEquals(0, resumed.exitCode(), resumed.log());
        assertTrue(resumed.log().contains("N = 5: finished before (checkpoint)"), resumed.log());
        Matcher m = Pattern.compile("resumes at iteration (\\d+)").matcher(resumed.log());
        assertTrue(m.find(), resumed.log());
        assertTrue(Integer.parseInt(m.group(1)) > 0, resumed.log());
        assertFalse(Files.exists(tmp.resolve("model.checkpoint")));

        Path model = tmp.resolve("model");
        List<Path> a = files(reference), b = files(model);
        assertEquals(a.stream().map(reference::relativize).toList(), b.stream().map(model::relativize).toList());
        for (Path fa : a) {
            Path rel = reference.relativize(fa);
            String name = rel.getFileName().toString();
            if (name.endsWith(".png")) continue; // the learning curve's points are equal, its rendering is a bitmap
            if (name.equals("metrics.json")) {
                assertEquals(withoutTimes(JSON.readTree(fa.toFile())), withoutTimes(JSON.readTree(model.resolve(rel).toFile())), "metrics.json");
                continue;
            }
            assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(model.resolve(rel)), rel + " differs from the uninterrupted run");
        }
    }

    record Result(int exitCode, String log) {}

    private Process start(Path cfg, String log, String... options) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", cfg.toString()));
        argv.addAll(List.of(options));
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
    }

    private Result child(Path cfg, String log, String... options) throws Exception {
        Process p = start(cfg, log, options);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), log);
        return new Result(p.exitValue(), Files.readString(tmp.resolve(log)));
    }

    /** The document without wall-clock fields (names containing "seconds"). */
    static JsonNode withoutTimes(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> drop = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (f.contains("seconds")) drop.add(f);
                else withoutTimes(o.get(f));
            }
            o.remove(drop);
        } else if (n.isArray()) for (JsonNode c : n) withoutTimes(c);
        return n;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
