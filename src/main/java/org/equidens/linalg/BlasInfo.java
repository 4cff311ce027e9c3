package org.equidens.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which CPU kernel OpenBLAS selected. OpenBLAS reports it only on its own stderr at load time
 * (OPENBLAS_VERBOSE=2) and the preset exposes no getter, so we ask a short-lived child JVM.
 */
public final class BlasInfo {
    private BlasInfo() {}

    /** Prints the core name to stderr on load (with OPENBLAS_VERBOSE=2). */
    public static void main(String[] args) {
        Blas.dot(new double[] {1}, new double[] {1});
    }

    /** The OpenBLAS core type in use for a process with this environment, or "unknown". */
    public static String coreType() {
        String java = System.getProperty("java.home") + "/bin/java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                BlasInfo.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_VERBOSE", "2");
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            for (String line : out.split("\n")) {
                if (line.strip().startsWith("Core:")) return line.strip().substring(5).strip();
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
