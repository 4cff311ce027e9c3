package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (src/test/resources/bad-inputs, plus a few inputs too big or too odd to commit,
 * made here) run through the CLI: every case must end with exit code 2 and exactly one stderr line that
 * names the file (or the key) and the problem, no stack trace, and nothing written.
 *
 * <p>In the command lines, {@code @R} is a private copy of the corpus folder and {@code @O} an empty
 * output folder of the case; both are compared before and after the run.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    @TempDir
    static Path work;

    static Path corpus;

    @BeforeAll
    static void copyCorpusAndMakeTheUncommittableInputs() throws IOException {
        corpus = work.resolve("bad-inputs");
        try (Stream<Path> s = Files.walk(CORPUS)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = corpus.resolve(CORPUS.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
        // 2 GB of zero bytes, sparse: never written out
        try (RandomAccessFile f = new RandomAccessFile(corpus.resolve("huge-2gb.xyz").toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        // 2 GB that starts like a structure file and goes on with zero bytes
        try (RandomAccessFile f = new RandomAccessFile(corpus.resolve("huge-2gb-header.xyz").toFile(), "rw")) {
            f.write("100000000\ncomment\nO 0 0 0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(2L << 30);
        }
        // 2 GB cube: a valid header, then a hole
        try (RandomAccessFile f = new RandomAccessFile(corpus.resolve("huge-2gb.cube").toFile(), "rw")) {
            f.write(Files.readAllBytes(corpus.resolve("cube-ok.cube")));
            f.setLength(2L << 30);
        }
        try (RandomAccessFile f = new RandomAccessFile(corpus.resolve("binary.cube").toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        // a small, valid tensor model, and a copy of it with an array missing
        Files.writeString(work.resolve("train-ok.yaml"), "task: tensor\nstructures: bad-inputs/water-4.xyz\ntarget: mu\n"
                + "descriptor: {cutoff: 3.0, n_max: 2, l_max: 2}\nsparse: {m0: 4}\nsplit: {train: 2, test: 2}\noutput: bad-inputs/model-ok\nthreads: 1\n");
        CliRunner trained = CliRunner.run("train", work.resolve("train-ok.yaml").toString());
        if (trained.exitCode() != 0) throw new IllegalStateException("the valid model did not train: " + trained.err());
        copyTree(corpus.resolve("model-ok"), corpus.resolve("model-missing-array"));
        try (Stream<Path> s = Files.walk(corpus.resolve("model-missing-array"))) {
            Path victim = s.filter(p -> p.getFileName().toString().startsWith("weights")).findFirst().orElseThrow();
            Files.delete(victim);
        }
        // a small, valid response model
        Files.writeString(work.resolve("train-response-ok.yaml"), "task: response\ndataset: bad-inputs/ds-four\n"
                + "descriptor: {cutoff: 3.0, n_max: 2, l_max: 2}\nsparse: {m0: 4}\nsplit: {train: [3], test: 1}\n"
                + "output: bad-inputs/model-response-ok\nthreads: 1\n");
        trained = CliRunner.run("train", work.resolve("train-response-ok.yaml").toString());
        if (trained.exitCode() != 0) throw new IllegalStateException("the valid response model did not train: " + trained.err());
        Files.createDirectories(corpus.resolve("directory.xyz"));
        Files.createDirectories(corpus.resolve("directory.cube"));
        Files.createDirectories(corpus.resolve("directory.yaml"));
        Files.createDirectories(corpus.resolve("ds-dataset-yaml-is-directory/dataset.yaml"));
    }

    static Stream<Arguments> corpus() {
        List<Arguments> t = new ArrayList<>();
        // info: structure files
        t.add(row("xyz-truncated.xyz:5", "truncated", "info", "@R/xyz-truncated.xyz"));
        t.add(row("xyz-binary.xyz", "", "info", "@R/xyz-binary.xyz"));
        t.add(row("xyz-nan.xyz:4", "non-finite", "info", "@R/xyz-nan.xyz"));
        t.add(row("xyz-overflow-coordinate.xyz:4", "non-finite", "info", "@R/xyz-overflow-coordinate.xyz"));
        t.add(row("xyz-unknown-element.xyz:4", "Qx", "info", "@R/xyz-unknown-element.xyz"));
        t.add(row("xyz-bad-count.xyz:1", "", "info", "@R/xyz-bad-count.xyz"));
        t.add(row("xyz-count-overflow.xyz:1", "", "info", "@R/xyz-count-overflow.xyz"));
        t.add(row("xyz-negative-count.xyz:1", "", "info", "@R/xyz-negative-count.xyz"));
        t.add(row("xyz-bad-lattice.xyz:2", "Lattice", "info", "@R/xyz-bad-lattice.xyz"));
        t.add(row("empty.xyz", "", "info", "@R/empty.xyz"));
        t.add(row("huge-2gb.xyz", "", "info", "@R/huge-2gb.xyz"));
        t.add(row("huge-2gb-header.xyz", "", "info", "@R/huge-2gb-header.xyz"));
        t.add(row("directory.xyz", "", "info", "@R/directory.xyz"));
        t.add(row("no-such-file.xyz", "", "info", "@R/no-such-file.xyz"));
        t.add(row("xyz-unterminated-quote.xyz:2", "", "info", "@R/xyz-unterminated-quote.xyz"));
        t.add(row("xyz-missing-column.xyz:4", "", "info", "@R/xyz-missing-column.xyz"));
        t.add(row("xyz-no-pos.xyz:2", "pos", "info", "@R/xyz-no-pos.xyz"));
        t.add(row("density.npy", "", "info", "@R/ds-ok/density.npy"));
        // info: datasets
        t.add(row("targets", "", "info", "@R/ds-bad-targets"));
        t.add(row("basis.gbs", "", "info", "@R/ds-escape"));
        t.add(row("density.npy", "basis gives 3", "info", "@R/ds-wrong-count"));
        t.add(row("density.npy", "", "info", "@R/ds-corrupt-npy"));
        t.add(row("no-such-basis.gbs", "", "info", "@R/ds-missing-files"));
        t.add(row("basis.gbs:5", "", "info", "@R/ds-negative-exponent"));
        t.add(row("basis.gbs:5", "", "info", "@R/ds-zero-exponent"));
        t.add(row("basis.gbs:5", "", "info", "@R/ds-text-exponent"));
        t.add(row("basis.gbs:8", "J", "info", "@R/ds-unknown-shell"));
        t.add(row("basis.gbs:8", "truncated shell", "info", "@R/ds-truncated-basis"));
        t.add(row("density.npy", "", "info", "@R/ds-npy-huge-shape"));
        t.add(row("density.npy", "truncated", "info", "@R/ds-npy-truncated-data"));
        t.add(row("density.npy", "dtype", "info", "@R/ds-npy-wrong-dtype"));
        t.add(row("dataset.yaml", "not a text file", "info", "@R/ds-yaml-binary"));
        t.add(row("structures.xyz", "is a folder", "info", "@R/ds-structures-directory"));
        t.add(row("format", "", "info", "@R/ds-bad-format"));
        t.add(row("m_order", "", "info", "@R/ds-unknown-m-order"));
        t.add(row("dataset.yaml", "", "info", "@R/ds-dataset-yaml-is-directory"));
        // descriptors
        t.add(row("xyz-overlapping-atoms.xyz", "", "descriptors", "--structures", "@R/xyz-overlapping-atoms.xyz", "--lambda", "0", "--parity", "1", "--out", "@O/d.npy"));
        t.add(row("species", "Xx", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-unknown-species.yaml", "--out", "@O/d.npy"));
        t.add(row("xyz-huge-coordinate.xyz", "", "descriptors", "--structures", "@R/xyz-huge-coordinate.xyz", "--lambda", "0", "--parity", "1", "--out", "@O/d.npy"));
        t.add(row("xyz-nan.xyz", "", "descriptors", "--structures", "@R/xyz-nan.xyz", "--lambda", "0", "--parity", "1", "--out", "@O/d.npy"));
        t.add(row("huge-2gb.xyz", "", "descriptors", "--structures", "@R/huge-2gb.xyz", "--lambda", "0", "--parity", "1", "--out", "@O/d.npy"));
        t.add(row("directory.xyz", "is a folder", "descriptors", "--structures", "@R/directory.xyz", "--lambda", "0", "--parity", "1", "--out", "@O/d.npy"));
        t.add(row("cutoff", "soap-wrong-type.yaml", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-wrong-type.yaml", "--out", "@O/d.npy"));
        t.add(row("radial_functions", "soap-unknown-key.yaml", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-unknown-key.yaml", "--out", "@O/d.npy"));
        t.add(row("n_max", "soap-out-of-range.yaml", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-out-of-range.yaml", "--out", "@O/d.npy"));
        t.add(row("cutoff", "soap-negative-cutoff.yaml", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-negative-cutoff.yaml", "--out", "@O/d.npy"));
        t.add(row("soap-not-a-mapping.yaml", "mapping", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-not-a-mapping.yaml", "--out", "@O/d.npy"));
        t.add(row("soap-broken-yaml.yaml", "", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/soap-broken-yaml.yaml", "--out", "@O/d.npy"));
        t.add(row("directory.yaml", "", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--config", "@R/directory.yaml", "--out", "@O/d.npy"));
        t.add(row("d.npy", "does not exist", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--out", "@R/water.xyz/sub/d.npy"));
        t.add(row("d.npy", "water.xyz is not a folder", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--out", "@R/water.xyz/d.npy"));
        t.add(row("water.xyz", "frame index 7 out of range", "descriptors", "--structures", "@R/water.xyz", "--lambda", "0", "--parity", "1", "--frame", "7", "--out", "@O/d.npy"));
        t.add(row("--lambda", "", "descriptors", "--structures", "@R/water.xyz", "--lambda", "40", "--parity", "1", "--out", "@O/d.npy"));
        // train
        t.add(row("kernel.zeta", "train-tensor-wrong-type.yaml", "train", "@R/train-tensor-wrong-type.yaml"));
        t.add(row("kernal", "train-tensor-unknown-key.yaml", "train", "@R/train-tensor-unknown-key.yaml"));
        t.add(row("sparse.m0", "train-tensor-out-of-range.yaml", "train", "@R/train-tensor-out-of-range.yaml"));
        t.add(row("target", "train-tensor-missing-target.yaml", "train", "@R/train-tensor-missing-target.yaml"));
        t.add(row("no-such-file.xyz", "", "train", "@R/train-tensor-missing-structures.yaml"));
        t.add(row("polarizability", "", "train", "@R/train-tensor-absent-target.yaml"));
        t.add(row("key 'output'", "train-tensor-output-under-file.yaml", "train", "@R/train-tensor-output-under-file.yaml"));
        t.add(row("task", "train-unknown-task.yaml", "train", "@R/train-unknown-task.yaml"));
        t.add(row("dataset", "train-response-missing-dataset.yaml", "train", "@R/train-response-missing-dataset.yaml"));
        t.add(row("learning_rate", "train-response-unknown-key.yaml", "train", "@R/train-response-unknown-key.yaml"));
        t.add(row("sparse.m0", "train-response-wrong-type.yaml", "train", "@R/train-response-wrong-type.yaml"));
        t.add(row("no-such-dataset", "", "train", "@R/train-response-absent-dataset.yaml"));
        t.add(row("xyz-short-target.xyz", "mu", "train", "@R/train-tensor-short-target.yaml"));
        t.add(row("xyz-overlapping-4.xyz: frame 3", "apart", "train", "@R/train-tensor-overlapping.yaml"));
        t.add(row("huge-2gb.xyz", "not a text file", "train", "@R/train-tensor-2gb.yaml"));
        t.add(row("density.npy", "coefficients", "train", "@R/train-response-bad-dataset.yaml"));
        t.add(row("ds-overlap/dataset.yaml: structure 3", "apart", "train", "@R/train-response-overlap.yaml"));
        t.add(row("ds-overlap/dataset.yaml: structure 3", "apart", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-overlap", "--indices", "0-3", "--out", "@O/v"));
        t.add(row("xyz-overlapping-4.xyz: structure 3", "apart", "predict", "--model", "@R/model-ok", "--structures", "@R/xyz-overlapping-4.xyz", "--out", "@O/p"));
        t.add(row("xyz-overlapping-4.xyz: structure 3", "apart", "predict", "--model", "@R/model-response-ok", "--structures", "@R/xyz-overlapping-4.xyz", "--out", "@O/p"));
        t.add(row("directory.yaml", "", "train", "@R/directory.yaml"));
        t.add(row("empty.xyz", "empty file", "train", "@R/empty.xyz"));
        // predict
        t.add(row("no-such-model", "", "predict", "--model", "@R/no-such-model", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("model-foreign", "", "predict", "--model", "@R/model-foreign", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("model-future-version", "format", "predict", "--model", "@R/model-future-version", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("model.json", "not valid JSON", "predict", "--model", "@R/model-corrupt-json", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("model-response-no-descriptor", "descriptor", "predict", "--model", "@R/model-response-no-descriptor", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("xyz-nan.xyz:4", "", "predict", "--model", "@R/model-ok", "--structures", "@R/xyz-nan.xyz", "--out", "@O/p"));
        t.add(row("carbon.xyz", "C", "predict", "--model", "@R/model-ok", "--structures", "@R/carbon.xyz", "--out", "@O/p"));
        t.add(row("empty.xyz", "", "predict", "--model", "@R/model-ok", "--structures", "@R/empty.xyz", "--out", "@O/p"));
        t.add(row("water.xyz/p", "water.xyz is a file", "predict", "--model", "@R/model-ok", "--structures", "@R/water.xyz", "--out", "@R/water.xyz/p"));
        t.add(row("water.xyz", "not a folder", "predict", "--model", "@R/model-ok", "--structures", "@R/water.xyz", "--out", "@R/water.xyz"));
        t.add(row("weights", "", "predict", "--model", "@R/model-missing-array", "--structures", "@R/water.xyz", "--out", "@O/p"));
        // validate
        t.add(row("model-foreign", "no model.json", "validate", "--model", "@R/model-foreign", "--dataset", "@R/ds-ok", "--out", "@O/v"));
        t.add(row("model-future-version", "", "validate", "--model", "@R/model-future-version", "--dataset", "@R/ds-ok", "--out", "@O/v"));
        t.add(row("model-future-response", "format", "validate", "--model", "@R/model-future-response", "--dataset", "@R/ds-ok", "--out", "@O/v"));
        t.add(row("model-future-response", "format", "predict", "--model", "@R/model-future-response", "--structures", "@R/water.xyz", "--out", "@O/p"));
        t.add(row("model-response-no-descriptor", "descriptor", "validate", "--model", "@R/model-response-no-descriptor", "--dataset", "@R/ds-ok", "--out", "@O/v"));
        t.add(row("npy", "coefficients", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-wrong-count", "--out", "@O/v"));
        t.add(row("--indices", "", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-four", "--indices", "0-99", "--out", "@O/v"));
        t.add(row("--indices", "", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-four", "--indices", "zero", "--out", "@O/v"));
        t.add(row("--indices", "", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-four", "--indices", "3-1", "--out", "@O/v"));
        t.add(row("ds-four-other-basis", "basis", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-four-other-basis", "--out", "@O/v"));
        t.add(row("water.xyz/v", "water.xyz is a file", "validate", "--model", "@R/model-response-ok", "--dataset", "@R/ds-four", "--indices", "3", "--out", "@R/water.xyz/v"));
        t.add(row("carbon.xyz", "C", "predict", "--model", "@R/model-response-ok", "--structures", "@R/carbon.xyz", "--out", "@O/p"));
        t.add(row("water.xyz/p", "", "predict", "--model", "@R/model-response-ok", "--structures", "@R/water.xyz", "--out", "@R/water.xyz/p"));
        t.add(row("model.json:2", "not valid JSON", "validate", "--model", "@R/model-corrupt-json", "--dataset", "@R/ds-four", "--out", "@O/v"));
        t.add(row("model-ok", "tensor", "validate", "--model", "@R/model-ok", "--dataset", "@R/ds-four", "--out", "@O/v"));
        // cube --dataset
        t.add(row("density.npy", "", "cube", "--dataset", "@R/ds-wrong-count", "--out", "@O/c.cube"));
        t.add(row("density.npy", "", "cube", "--dataset", "@R/ds-corrupt-npy", "--out", "@O/c.cube"));
        t.add(row("no-such-density.npy", "", "cube", "--dataset", "@R/ds-missing-npy", "--out", "@O/c.cube"));
        t.add(row("basis.gbs:5", "", "cube", "--dataset", "@R/ds-negative-exponent", "--out", "@O/c.cube"));
        t.add(row("cube-bad-number.cube", "", "cube", "--dataset", "@R/ds-ok", "--like", "@R/cube-bad-number.cube", "--out", "@O/c.cube"));
        t.add(row("c.cube", "water.xyz is a file", "cube", "--dataset", "@R/ds-ok", "--spacing", "0.5", "--out", "@R/water.xyz/c.cube"));
        t.add(row("dataset.yaml", "frame 3 out of range", "cube", "--dataset", "@R/ds-ok", "--frame", "3", "--out", "@O/c.cube"));
        t.add(row("cube-huge-dimensions.cube", "", "cube", "--dataset", "@R/ds-ok", "--like", "@R/cube-huge-dimensions.cube", "--out", "@O/c.cube"));
        t.add(row("density.npy", "truncated", "cube", "--dataset", "@R/ds-npy-truncated-data", "--out", "@O/c.cube"));
        t.add(row("density.npy", "dtype", "cube", "--dataset", "@R/ds-npy-wrong-dtype", "--out", "@O/c.cube"));
        // profile --cube
        t.add(row("cube-huge-dimensions.cube", "", "profile", "--cube", "@R/cube-huge-dimensions.cube", "--out", "@O/p.csv"));
        t.add(row("--set", "", "profile", "--cube", "@R/cube-ok.cube", "--set", "3", "--out", "@O/p.csv"));
        t.add(row("water.xyz", "", "profile", "--cube", "@R/cube-ok.cube", "--out", "@O/p.csv", "--png", "@R/water.xyz/p.png"));
        t.add(row("cube-truncated-values.cube", "", "profile", "--cube", "@R/cube-truncated-values.cube", "--out", "@O/p.csv"));
        t.add(row("cube-bad-number.cube", "", "profile", "--cube", "@R/cube-bad-number.cube", "--out", "@O/p.csv"));
        t.add(row("cube-zero-dimension.cube", "", "profile", "--cube", "@R/cube-zero-dimension.cube", "--out", "@O/p.csv"));
        t.add(row("cube-negative-atoms-count-mismatch.cube", "", "profile", "--cube", "@R/cube-negative-atoms-count-mismatch.cube", "--out", "@O/p.csv"));
        t.add(row("cube-truncated-header.cube", "", "profile", "--cube", "@R/cube-truncated-header.cube", "--out", "@O/p.csv"));
        t.add(row("cube-empty.cube", "", "profile", "--cube", "@R/cube-empty.cube", "--out", "@O/p.csv"));
        t.add(row("huge-2gb.cube", "", "profile", "--cube", "@R/huge-2gb.cube", "--out", "@O/p.csv"));
        t.add(row("binary.cube", "not a text file", "profile", "--cube", "@R/binary.cube", "--out", "@O/p.csv"));
        t.add(row("huge-2gb.cube", "", "cube", "--dataset", "@R/ds-ok", "--like", "@R/huge-2gb.cube", "--out", "@O/c.cube"));
        t.add(row("directory.cube", "", "profile", "--cube", "@R/directory.cube", "--out", "@O/p.csv"));
        t.add(row("cube-ok.cube", "", "profile", "--cube", "@R/cube-ok.cube", "--out", "@R/cube-ok.cube/p.csv"));
        // demo --dataset
        t.add(row("density.npy", "", "demo", "--dataset", "@R/ds-wrong-count", "--out", "@O/demo"));
        t.add(row("basis.gbs:5", "", "demo", "--dataset", "@R/ds-zero-exponent", "--out", "@O/demo"));
        t.add(row("basis.gbs:8", "J", "demo", "--dataset", "@R/ds-unknown-shell", "--out", "@O/demo"));
        t.add(row("no-such-basis.gbs", "", "demo", "--dataset", "@R/ds-missing-files", "--out", "@O/demo"));
        t.add(row("ds-ok", "--train 100", "demo", "--dataset", "@R/ds-ok", "--out", "@O/demo"));
        t.add(row("water.xyz", "", "demo", "--dataset", "@R/ds-ok", "--train", "1", "--m0", "1", "--test", "1", "--out", "@R/water.xyz/demo"));
        t.add(row("density.npy", "truncated", "demo", "--dataset", "@R/ds-npy-truncated-data", "--out", "@O/demo"));
        return t.stream();
    }

    /** names: the file (with line) or key the message must name; problem: a further fragment it must hold. */
    private static Arguments row(String names, String problem, String... args) {
        return Arguments.of(String.join(" ", args).replace("@R/", ""), names, problem, List.of(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsOneLineNamingTheFileExitTwoAndWritesNothing(String label, String names, String problem, List<String> template,
            @TempDir Path out) throws IOException {
        String[] args = template.stream()
                .map(a -> a.replace("@R", corpus.toString()).replace("@O", out.toString()))
                .toArray(String[]::new);
        Set<String> corpusBefore = listing(corpus);
        long start = System.nanoTime();
        CliRunner r = CliRunner.run(args);
        double seconds = (System.nanoTime() - start) * 1e-9;
        String all = "stdout:\n" + r.out() + "\nstderr:\n" + r.err();
        assertEquals(2, r.exitCode(), all);
        assertEquals(1, r.errLines(), all);
        assertTrue(r.err().contains(names), "must name '" + names + "'\n" + all);
        assertTrue(r.err().contains(problem), "must say '" + problem + "'\n" + all);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), all);
        assertEquals(Set.of(), listing(out), "nothing may be written to the output folder");
        assertEquals(corpusBefore, listing(corpus), "nothing may be written next to the inputs");
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> names = new TreeSet<>();
            s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
            return names;
        }
    }
}
