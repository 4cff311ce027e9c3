package org.equidens.basis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equidens.io.InputException;
import org.equidens.structure.Elements;

/**
 * Reader for Gaussian94 / Psi4 {@code .gbs} basis files.
 *
 * <pre>
 * spherical                 optional first line: spherical | cartesian (cartesian is rejected)
 * ! comment                 '!' starts a comment, anywhere on a line
 * ****                      separates element blocks
 * H     0                   element symbol, then 0
 * S   3   1.00              shell letter, number of primitives, scale factor
 *    13.01  0.0196          exponent, coefficient (Fortran D exponents like 1.3D+01 allowed)
 * SP  2   1.00              SP (or L with three columns): exponent, s coefficient, p coefficient
 * </pre>
 *
 * <p>Shell letters follow Psi4 (libmints {@code amtypes}): S P D F G H I K L M N O Q R T U V W X Y Z
 * for l = 0, 1, 2, …: after I (l=6) J is skipped, so K is l=7 and L is l=8; P and S are not reused.
 * Gaussian also uses "L" for an SP shell; the two meanings are told apart by the number of columns
 * (three numbers per primitive line = SP, two = l=8). The scale factor s multiplies exponents by s²
 * (Gaussian's rule). Without a spherical/cartesian line the basis is taken as spherical. Psi4's
 * multi-basis {@code [name]} sections are not supported.
 *
 * <p>Every problem is an {@link InputException} "file:line: problem".
 */
public final class GbsParser {
    /** Angular-momentum letters, index = l (Psi4 convention, J skipped). */
    public static final String AM_LETTERS = "SPDFGHIKLMNOQRTUVWXYZ";

    private GbsParser() {}

    public static BasisSet parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.at(file, "cannot read basis file: " + e.getMessage());
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (name.endsWith(".gbs")) name = name.substring(0, name.length() - 4);
        return parse(lines, file, name);
    }

    /** Parses text already in memory; {@code source} is only used in error messages. */
    public static BasisSet parse(String text, Path source, String name) {
        return parse(text.lines().toList(), source, name);
    }

    /** l of a shell letter, or -1 if unknown (SP is not a single l and gives -1). */
    public static int angularMomentum(String letter) {
        if (letter.length() != 1) return -1;
        return AM_LETTERS.indexOf(Character.toUpperCase(letter.charAt(0)));
    }

    private static BasisSet parse(List<String> lines, Path file, String name) {
        Map<String, List<Shell>> out = new LinkedHashMap<>();
        String element = null; // current block
        int elementLine = 0;
        List<Shell> current = null;
        boolean sawContent = false;
        int i = 0;
        while (i < lines.size()) {
            int lineNo = i + 1;
            String line = strip(lines.get(i));
            i++;
            if (line.isEmpty()) continue;
            String[] tok = line.split("\\s+");
            String low = tok[0].toLowerCase(Locale.ROOT);
            if (!sawContent && tok.length == 1 && (low.equals("spherical") || low.equals("cartesian"))) {
                if (low.equals("cartesian")) {
                    throw InputException.at(file, lineNo,
                            "Cartesian basis sets are not supported (equidens uses spherical/pure functions only)");
                }
                sawContent = true;
                continue;
            }
            sawContent = true;
            if (line.startsWith("****")) {
                if (element != null && current.isEmpty()) {
                    throw InputException.at(file, elementLine, "element " + element + " has no shells");
                }
                element = null;
                current = null;
                continue;
            }
            if (line.startsWith("[")) {
                throw InputException.at(file, lineNo, "multi-basis [name] sections are not supported");
            }
            if (element == null) {
                // element header: "H 0"
                if (tok.length != 2 || !tok[1].equals("0")) {
                    throw InputException.at(file, lineNo, "expected an element header like 'H 0', got '" + line + "'");
                }
                if (!Elements.isElement(tok[0])) {
                    throw InputException.at(file, lineNo, "unknown element '" + tok[0] + "'");
                }
                element = Elements.canonical(tok[0]);
                if (out.containsKey(element)) {
                    throw InputException.at(file, lineNo, "element " + element + " is defined twice");
                }
                elementLine = lineNo;
                current = new ArrayList<>();
                out.put(element, current);
                continue;
            }
            // shell header: "S 3 1.00"
            if (tok.length != 3) {
                throw InputException.at(file, lineNo, "expected a shell header like 'S 3 1.00', got '" + line + "'");
            }
            String type = tok[0].toUpperCase(Locale.ROOT);
            int nprim;
            try {
                nprim = Integer.parseInt(tok[1]);
            } catch (NumberFormatException e) {
                throw InputException.at(file, lineNo, "bad number of primitives '" + tok[1] + "'");
            }
            if (nprim < 1) throw InputException.at(file, lineNo, "number of primitives must be positive: " + nprim);
            double scale = number(tok[2], file, lineNo, "scale factor");
            if (!(scale > 0)) throw InputException.at(file, lineNo, "scale factor must be positive: " + tok[2]);
            int l = type.equals("SP") ? -2 : angularMomentum(type);
            if (l == -1) {
                String hint = type.equals("J") ? " (Gaussian/Psi4 letters skip J: l=7 is K)" : "";
                throw InputException.at(file, lineNo, "unknown shell type '" + tok[0] + "'" + hint
                        + "; known: SP and " + AM_LETTERS);
            }
            if (l > SolidHarmonics.MAX_L) {
                throw InputException.at(file, lineNo, "shell type '" + tok[0] + "' (l=" + l + ") above the supported l="
                        + SolidHarmonics.MAX_L);
            }
            double[] exps = new double[nprim];
            double[] c1 = new double[nprim];
            double[] c2 = new double[nprim];
            boolean sp = l == -2;
            for (int p = 0; p < nprim; p++) {
                if (i >= lines.size()) {
                    throw InputException.at(file, lineNo, "truncated shell: expected " + nprim
                            + " primitive lines, found " + p + " before the end of the file");
                }
                int pl = i + 1;
                String pline = strip(lines.get(i));
                i++;
                if (pline.isEmpty()) {
                    p--;
                    continue;
                }
                String[] pt = pline.split("\\s+");
                if (pline.startsWith("****") || (pt.length == 2 && pt[1].equals("0") && Elements.isElement(pt[0]))
                        || (pt.length == 3 && !looksNumeric(pt[0]))) {
                    throw InputException.at(file, pl, "truncated shell: expected " + nprim + " primitive lines for the shell at line "
                            + lineNo + ", found " + p);
                }
                if (p == 0 && l == 8 && pt.length == 3) sp = true; // Gaussian's "L" = SP
                int want = sp ? 3 : 2;
                if (pt.length != want) {
                    throw InputException.at(file, pl, "expected " + want + " numbers (exponent, coefficient"
                            + (sp ? "s for s and p" : "") + "), got " + pt.length);
                }
                double a = number(pt[0], file, pl, "exponent");
                if (!(a > 0)) throw InputException.at(file, pl, "exponent must be positive: " + pt[0]);
                exps[p] = a * scale * scale;
                c1[p] = number(pt[1], file, pl, "coefficient");
                if (sp) c2[p] = number(pt[2], file, pl, "coefficient");
            }
            try {
                if (sp) {
                    current.add(new Shell(0, exps, c1));
                    current.add(new Shell(1, exps, c2));
                } else {
                    current.add(new Shell(l, exps, c1));
                }
            } catch (IllegalArgumentException e) {
                throw InputException.at(file, lineNo, e.getMessage());
            }
        }
        if (element != null && current.isEmpty()) {
            throw InputException.at(file, elementLine, "element " + element + " has no shells");
        }
        if (out.isEmpty()) throw InputException.at(file, "no element blocks found in basis file");
        return new BasisSet(name, out);
    }

    private static String strip(String line) {
        int c = line.indexOf('!');
        if (c >= 0) line = line.substring(0, c);
        return line.strip();
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '.' || c == '-' || c == '+';
    }

    private static double number(String s, Path file, int line, String what) {
        try {
            double v = Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
            if (!Double.isFinite(v)) throw new NumberFormatException();
            if (s.endsWith("f") || s.endsWith("F")) throw new NumberFormatException(); // Java accepts "1.0f"
            return v;
        } catch (NumberFormatException e) {
            throw InputException.at(file, line, "bad " + what + " '" + s + "'");
        }
    }
}
