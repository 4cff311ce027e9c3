package org.equidens.io;

/**
 * Strict, allocation-free number parsing of text slices, for readers of text formats. Strict, because
 * Java's own parsers accept things no structure file means ("1d", "0x1p3", "Infinity" with trailing
 * blanks) and a typo should be reported, not read. Fast, because a 1000-frame file has 10^5 numbers.
 */
final class Numbers {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    private Numbers() {}

    /** Thrown on text that is not a number; carries no stack trace (callers turn it into a message). */
    static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    private static final NotANumber NOT_A_NUMBER = new NotANumber();

    /**
     * s[from, to) as a double: [+-]digits[.digits][(e|E)[+-]digits], or nan / inf / infinity in any case
     * (as NumPy accepts them; callers that need finite values check). Exactly rounded: short mantissas take
     * the exact fast path (an integer below 2^53 times or divided by an exact power of ten is one correctly
     * rounded operation); anything longer goes to {@link Double#parseDouble} after the syntax check.
     */
    static double parseDouble(String s, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to) {
            char c = s.charAt(i);
            if (c == '-') {
                neg = true;
                i++;
            } else if (c == '+') {
                i++;
            }
        }
        long m = 0;
        int nd = 0;
        int exp10 = 0;
        boolean any = false;
        boolean fast = true;
        char c = 0;
        while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
            any = true;
            if (m != 0 || c != '0') {
                if (nd < 18) {
                    m = m * 10 + (c - '0');
                    nd++;
                } else {
                    fast = false;
                }
            }
            i++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                any = true;
                if (m != 0 || c != '0') {
                    if (nd < 18) {
                        m = m * 10 + (c - '0');
                        nd++;
                        exp10--;
                    } else {
                        fast = false;
                    }
                } else {
                    exp10--;
                }
                i++;
            }
        }
        if (!any) return special(s, i, to, neg);
        if (i < to && ((c = s.charAt(i)) == 'e' || c == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && ((c = s.charAt(i)) == '-' || c == '+')) {
                eneg = c == '-';
                i++;
            }
            int e = 0;
            boolean ed = false;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                ed = true;
                if (e < 100_000) e = e * 10 + (c - '0');
                i++;
            }
            if (!ed) throw NOT_A_NUMBER;
            exp10 += eneg ? -e : e;
        }
        if (i != to) throw NOT_A_NUMBER;
        if (m == 0) return neg ? -0.0 : 0.0;
        if (fast && m < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            double v = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
            return neg ? -v : v;
        }
        return Double.parseDouble(s.substring(from, to));
    }

    private static double special(String s, int from, int to, boolean neg) {
        String w = s.substring(from, to);
        if (w.equalsIgnoreCase("nan")) return Double.NaN;
        if (w.equalsIgnoreCase("inf") || w.equalsIgnoreCase("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw NOT_A_NUMBER;
    }

    /** s[from, to) as a long ([+-]digits, no overflow). */
    static long parseLong(String s, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (i == to) throw NOT_A_NUMBER;
        long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw NOT_A_NUMBER;
            int d = c - '0';
            if (v < (Long.MIN_VALUE + d) / 10) throw NOT_A_NUMBER;
            v = v * 10 - d;
        }
        if (!neg && v == Long.MIN_VALUE) throw NOT_A_NUMBER;
        return neg ? v : -v;
    }

    static boolean isLong(String s, int from, int to) {
        try {
            parseLong(s, from, to);
            return true;
        } catch (NotANumber e) {
            return false;
        }
    }

    static boolean isDouble(String s, int from, int to) {
        try {
            parseDouble(s, from, to);
            return true;
        } catch (NotANumber e) {
            return false;
        }
    }

    /** T / True / true / TRUE → TRUE, likewise F; anything else null. */
    static Boolean parseBoolean(String s, int from, int to) {
        int n = to - from;
        if (n == 1) {
            char c = s.charAt(from);
            if (c == 'T') return Boolean.TRUE;
            if (c == 'F') return Boolean.FALSE;
            return null;
        }
        String w = s.substring(from, to);
        if (w.equals("True") || w.equals("true") || w.equals("TRUE")) return Boolean.TRUE;
        if (w.equals("False") || w.equals("false") || w.equals("FALSE")) return Boolean.FALSE;
        return null;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /**
     * Splits s on blanks into token bounds: bounds[2k] start, bounds[2k+1] end. Stores at most
     * bounds.length / 2 tokens but returns the full count.
     */
    static int tokenize(String s, int[] bounds) {
        int n = s.length();
        int count = 0;
        int cap = bounds.length >> 1;
        int i = 0;
        while (true) {
            while (i < n && isSpace(s.charAt(i))) i++;
            if (i >= n) return count;
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) i++;
            if (count < cap) {
                bounds[2 * count] = start;
                bounds[2 * count + 1] = i;
            }
            count++;
        }
    }

    /** All token bounds of s. */
    static int[] tokens(String s) {
        int[] b = new int[16];
        int count;
        while ((count = tokenize(s, b)) > b.length >> 1) b = new int[2 * count];
        return java.util.Arrays.copyOf(b, 2 * count);
    }
}
