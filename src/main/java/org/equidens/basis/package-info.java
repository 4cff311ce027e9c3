/**
 * Auxiliary Gaussian basis sets: reading ({@link org.equidens.basis.GbsParser}), the functions of a
 * structure ({@link org.equidens.basis.BasisFunctions}), analytic integrals
 * ({@link org.equidens.basis.Integrals}) and the per-code order of functions within a shell
 * ({@link org.equidens.basis.MOrder}).
 *
 * <p>Conventions (project-wide, why they matter: coefficients are only meaningful together with
 * them):
 * <ul>
 *   <li>Function order: atoms in structure order, shells in basis-file order, m = -l..l.</li>
 *   <li>Each function is N·Σ c_i e^{-a_i r²} r^l Y_lm with orthonormal real Y_lm, no Condon–Shortley
 *       sign (l=1: y, z, x; l=2: xy, yz, 3z²-r², xz, x²-y²), normalised to unit self-overlap.</li>
 *   <li>Lengths: Å in structures, bohr in integrals and evaluation points;
 *       {@link org.equidens.basis.Units#BOHR_IN_ANGSTROM} (CODATA 2014, as Psi4 1.3.2) converts.</li>
 * </ul>
 * Self-contained on purpose: it does not use {@code org.equidens.math}.
 */
package org.equidens.basis;
