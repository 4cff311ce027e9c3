package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void blasBenchPrintsGflopsAndPassesItsOwnChecks() {
        CliRunner r = CliRunner.run("bench", "blas", "--n", "300", "--repeats", "1", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("OpenBLAS kernel:"), r.out());
        assertTrue(r.out().matches("(?s).*DGEMM\\s+n=300.*GFLOP/s.*Cholesky solve\\s+n=300.*GFLOP/s.*"), r.out());
        // the benchmark verifies its own result; a wrong product would show a large check value
        for (String line : r.out().split("\n")) {
            if (line.contains("check ")) {
                double check = Double.parseDouble(line.replaceAll(".*\\(check ([^)]*)\\).*", "$1"));
                assertTrue(check < 1e-10, line);
            }
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        CliRunner r = CliRunner.run("bench", "blas", "--no-such-option");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void descriptorBenchPrintsMicrosecondsPerAtomAndMemoryForBothSystems() {
        CliRunner r = CliRunner.run("bench", "descriptors", "--repeats", "1", "--frames", "1", "--chunk", "512");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("water, 1 frames of 32 H2O (periodic): 96 centres"), r.out());
        assertTrue(r.out().contains("gold cuboctahedron, 2057 atoms (chunks of 512): 2057 centres"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.matches("\\s+spherical expansion\\s+[0-9.]+ µs/atom\\s+peak heap\\s+[0-9.]+ MB")).count(),
                r.out());
        // values per atom: water (N 8, 2 species, l_max 6, λ ≤ 5, √2-weighted l1 ≤ l2) and gold (1 species, l_max 8, λ ≤ 7)
        assertTrue(r.out().contains("output 158208 values/atom"), r.out());
        assertTrue(r.out().contains("output 112000 values/atom"), r.out());
    }

    @Test
    void descriptorBenchRejectsAnUnknownSystem() {
        CliRunner r = CliRunner.run("bench", "descriptors", "--system", "silicon");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
    }

    @Test
    void samplingBenchRunsWithEitherFeatureKind() {
        for (String kind : new String[] {"basis", "soap"}) {
            CliRunner r = CliRunner.run("bench", "sampling", "--features", kind, "--budgets", "50,200", "--threads", "2");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("LIFS features: " + kind), r.out());
            assertTrue(r.out().matches("(?s).*LIFS kept \\d+ of \\d+ TS candidates examined.*"), r.out());
        }
        CliRunner bad = CliRunner.run("bench", "sampling", "--features", "fourier");
        assertTrue(bad.exitCode() != 0);
        assertTrue(bad.err().contains("use basis or soap"), bad.err());
    }
}
