package org.equidens.basis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A basis set: for each element (canonical symbol), its shells in file order. The order matters:
 * coefficient vectors list an atom's shells exactly in this order.
 */
public final class BasisSet {
    private final String name;
    private final Map<String, List<Shell>> shells;

    public BasisSet(String name, Map<String, List<Shell>> shells) {
        this.name = name;
        Map<String, List<Shell>> copy = new LinkedHashMap<>();
        shells.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.shells = Collections.unmodifiableMap(copy);
    }

    public String name() {
        return name;
    }

    public boolean has(String element) {
        return shells.containsKey(element);
    }

    /** Shells of one element in file order; throws if the element is not in the basis. */
    public List<Shell> shells(String element) {
        List<Shell> s = shells.get(element);
        if (s == null) throw new IllegalArgumentException("basis " + name + " has no functions for " + element);
        return s;
    }

    public Map<String, List<Shell>> all() {
        return shells;
    }

    /** Number of functions (Σ 2l+1) for one element. */
    public int functionCount(String element) {
        int n = 0;
        for (Shell s : shells(element)) n += s.size();
        return n;
    }

    public int maxL() {
        int l = 0;
        for (List<Shell> list : shells.values()) for (Shell s : list) l = Math.max(l, s.l());
        return l;
    }
}
