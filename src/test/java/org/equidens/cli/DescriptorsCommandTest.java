package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.Npy;
import org.equidens.io.StructureIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorsCommandTest {
    private static final String BULK = "data/water-tensors/bulk_1000.xyz";
    private static final String MONOMERS = "data/water-tensors/monomers_1000.xyz";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path c = dir.resolve("soap.yaml");
        Files.writeString(c, yaml);
        return c;
    }

    @Test
    void defaultsOnAPeriodicFrameWriteTheDenseBlockAndItsLabels() throws IOException {
        Path out = dir.resolve("bulk.npy");
        CliRunner r = CliRunner.run("descriptors", "--structures", BULK, "--frame", "1", "--lambda", "2", "--parity", "1",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Npy.Array a = Npy.read(out);
        // rc 4, N 8, l_max 6, 2 species: σ=+1, λ=2 has 16 ordered (l1,l2) pairs; l1 ≤ l2 keeps 11 ((l,l) l=1..6 and (l,l+2) l=0..4), × (2·8)² features
        assertArrayEquals(new int[] {96, 5, 11 * 256}, a.shape());
        LambdaSoap soap = new LambdaSoap(LambdaSoapConfig.defaults());
        Block expected = soap.block(StructureIO.read(Path.of(BULK), 1), 2, 1);
        assertArrayEquals(expected.values(), a.data(), 0.0);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("bulk.json").toFile());
        assertEquals(2, json.get("o3_lambda").asInt());
        assertEquals("l_1", json.get("property_names").get(0).asText());
        assertEquals(11 * 256, json.get("properties").size());
        assertEquals(96, json.get("samples").size());
        assertEquals(8, json.get("atom_types").get(0).asInt());
        assertEquals(8, json.get("hypers").get("n_max").asInt());
        assertTrue(r.out().contains("(96, 5, 2816)"), r.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void configMapsOntoTheHypers() throws IOException {
        Path c = config("cutoff: 3.5\nn_max: 4\nl_max: 3\nspecies: [H, 8]\ncenter_species: [O]\npair_selection: all_ordered\n"
                + "spline_accuracy: 0\nnormalisation: per_block_unit\n");
        Path out = dir.resolve("m.npy");
        CliRunner r = CliRunner.run("descriptors", "--structures", MONOMERS, "--frame", "-1", "--lambda", "1", "--parity", "-1",
                "--config", c.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        Npy.Array a = Npy.read(out);
        // centres: the O only; σ=−1, λ=1 ordered pairs (l,l) l=1..3 → 3 pairs × (2·4)² features
        assertArrayEquals(new int[] {1, 3, 3 * 64}, a.shape());
        double norm = 0;
        for (double v : a.data()) norm += v * v;
        assertEquals(1.0, norm, 1e-12);
    }

    private static void assertUsageError(CliRunner r, String fragment) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }

    @Test
    void badInputsAreOneLineErrorsWithExitTwoAndNoOutput() throws IOException {
        Path out = dir.resolve("x.npy");
        String o = out.toString();
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "0", "--parity", "-1", "--out", o),
                "no such block");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "2", "--out", o),
                "--parity must be 1 or -1");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "13", "--parity", "1", "--out", o),
                "λ ≤ 2·l_max");
        assertUsageError(CliRunner.run("descriptors", "--structures", "nope.xyz", "--lambda", "1", "--parity", "1", "--out", o),
                "nope.xyz");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--frame", "5000", "--lambda", "1", "--parity", "1",
                "--out", o), "out of range");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "1",
                "--out", dir.resolve("x.txt").toString()), "must end in .npy");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "1",
                "--config", config("cutof: 4\n").toString(), "--out", o), "unknown key 'cutof'");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "1",
                "--config", config("n_max: 0\n").toString(), "--out", o), "key 'n_max'");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "1",
                "--config", config("parities: odd\n").toString(), "--out", o), "key 'parities': unknown value 'odd'");
        assertUsageError(CliRunner.run("descriptors", "--structures", BULK, "--lambda", "1", "--parity", "1",
                "--config", config("species: [O]\n").toString(), "--out", o), "not among the neighbour species");
        Path close = dir.resolve("close.xyz");
        Files.writeString(close, "3\nProperties=species:S:1:pos:R:3\nO 0 0 0\nH 0 0 1e-7\nH 1 0 0\n");
        assertUsageError(CliRunner.run("descriptors", "--structures", close.toString(), "--lambda", "1", "--parity", "1",
                "--out", o), "atoms 0 (O) and 1 (H)");
        Path flat = dir.resolve("flat.xyz");
        Files.writeString(flat, "2\nLattice=\"4 0 0 0 4 0 4 4 0\" Properties=species:S:1:pos:R:3\nO 0 0 0\nH 1 0 0\n");
        CliRunner singular = CliRunner.run("descriptors", "--structures", flat.toString(), "--lambda", "1", "--parity", "1", "--out", o);
        assertEquals(2, singular.exitCode(), singular.err());
        assertEquals(1, singular.errLines(), singular.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
