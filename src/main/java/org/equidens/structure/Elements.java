package org.equidens.structure;

import java.util.HashMap;
import java.util.Map;

/** Chemical elements: symbol ↔ atomic number. */
public final class Elements {
    private static final String[] SYMBOLS = {
        "X", "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe",
        "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
        "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
        "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"
    };
    private static final Map<String, Integer> BY_SYMBOL = new HashMap<>();

    static {
        for (int z = 1; z < SYMBOLS.length; z++) BY_SYMBOL.put(SYMBOLS[z].toLowerCase(java.util.Locale.ROOT), z);
    }

    private Elements() {}

    /** Atomic number of a symbol (case-insensitive), or -1 when it is not an element. */
    public static int atomicNumber(String symbol) {
        Integer z = BY_SYMBOL.get(symbol.toLowerCase(java.util.Locale.ROOT));
        return z == null ? -1 : z;
    }

    public static boolean isElement(String symbol) {
        return atomicNumber(symbol) > 0;
    }

    /** Canonical capitalisation ("o" → "O", "CL" → "Cl"). */
    public static String symbol(int atomicNumber) {
        if (atomicNumber < 1 || atomicNumber >= SYMBOLS.length) {
            throw new IllegalArgumentException("no element with atomic number " + atomicNumber);
        }
        return SYMBOLS[atomicNumber];
    }

    public static String canonical(String symbol) {
        return symbol(atomicNumber(symbol));
    }
}
