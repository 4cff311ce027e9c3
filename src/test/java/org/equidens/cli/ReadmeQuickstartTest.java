package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equidens.realspace.CubeFile;
import org.equidens.realspace.VolumetricData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "From clone to a cube" path, command by command as written there: its code block is
 * read from README.md and every {@code ./equidens ...} line runs in a child JVM whose working folder
 * is a fresh "clone" (the repository's data and examples, nothing else). The last command must leave
 * a cube file of the model's prediction on the grid of Psi4's cube, close to it.
 */
class ReadmeQuickstartTest {
    @TempDir
    Path clone;

    /** The commands of the README's block, continuation lines joined; the clone line is left to the test. */
    static List<String> commands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("## From clone to a cube\\R(?s:.*?)```bash\\R(?<body>(?s:.*?))```").matcher(readme);
        assertTrue(m.find(), "README.md has no '## From clone to a cube' section with a bash block");
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : m.group("body").split("\\R")) {
            String code = line.replaceAll("\\s+#.*$", "").strip(); // trailing comments
            if (code.startsWith("#") || code.isEmpty()) continue;
            boolean more = code.endsWith("\\");
            cur.append(more ? code.substring(0, code.length() - 1) : code).append(' ');
            if (!more) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        return out;
    }

    @Test
    void readmeCommandsTrainAModelAndWriteACubeOfItsPrediction() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Files.createSymbolicLink(clone.resolve("data"), repo.resolve("data"));
        Files.createSymbolicLink(clone.resolve("examples"), repo.resolve("examples"));
        List<String> cmds = commands();
        assertTrue(cmds.get(0).startsWith("git clone"), cmds.get(0));
        int ran = 0;
        String last = "";
        for (String c : cmds.subList(1, cmds.size())) {
            assertTrue(c.startsWith("./equidens "), "not an equidens command: " + c);
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            argv.addAll(List.of(c.substring("./equidens ".length()).strip().split("\\s+")));
            Path log = clone.resolve("command-" + ran + ".log");
            Process p = new ProcessBuilder(argv).directory(clone.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), c + " did not finish");
            last = Files.readString(log);
            assertEquals(0, p.exitValue(), c + "\n" + last);
            ran++;
        }
        assertTrue(ran >= 3, "expected train, validate and cube: " + cmds);
        Path model = clone.resolve("models/water-response-quick");
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        assertFalse(Files.exists(clone.resolve("models/water-response-quick.checkpoint")));
        assertTrue(Files.isRegularFile(clone.resolve("validation/metrics.json")));
        VolumetricData cube = CubeFile.read(clone.resolve("model_z.cube")).data();
        VolumetricData psi4 = CubeFile.read(clone.resolve("data/water-monomers-pbe/cubes/response_z_00000.cube")).data();
        assertEquals(psi4.values().length, cube.values().length);
        Matcher l2 = Pattern.compile("relative L2 ([0-9.]+)%").matcher(last);
        assertTrue(l2.find(), last);
        assertTrue(Double.parseDouble(l2.group(1)) < 10, "the quick model's cube is far from Psi4's: " + last);
    }
}
