package org.equidens.math;

import java.util.SplittableRandom;

/** 3×3 rotation matrices as row-major double[9] (the layout {@link WignerD} takes). */
public final class Rotations {
    private Rotations() {}

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    /**
     * Uniform (Haar) random rotation: a uniform unit quaternion by Shoemake's method, so seeded tests
     * are reproducible from the {@link SplittableRandom} alone.
     */
    public static double[] random(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = 2 * Math.PI * rng.nextDouble(), u3 = 2 * Math.PI * rng.nextDouble();
        double s1 = Math.sqrt(1 - u1), s2 = Math.sqrt(u1);
        return fromQuaternion(s2 * Math.cos(u3), s1 * Math.sin(u2), s1 * Math.cos(u2), s2 * Math.sin(u3));
    }

    /** A uniform random improper rotation (det −1): −R for uniform R. */
    public static double[] improperRandom(SplittableRandom rng) {
        double[] r = random(rng);
        for (int i = 0; i < 9; i++) r[i] = -r[i];
        return r;
    }

    /** Rotation of a unit quaternion w + xi + yj + zk (normalised here). */
    public static double[] fromQuaternion(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)
        };
    }

    /** Rotation by angle (radians, right-handed) about an axis (normalised here). */
    public static double[] axisAngle(double ax, double ay, double az, double angle) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        double s = Math.sin(0.5 * angle) / n;
        return fromQuaternion(Math.cos(0.5 * angle), ax * s, ay * s, az * s);
    }

    /** a·b. */
    public static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return c;
    }

    public static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    /** R·(x, y, z). */
    public static double[] apply(double[] r, double x, double y, double z) {
        return new double[] {
            r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z
        };
    }

    public static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }
}
