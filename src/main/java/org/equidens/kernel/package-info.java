/**
 * Equivariant kernels and sparse-set selection for SA-GPR.
 *
 * <ul>
 *   <li>{@link org.equidens.kernel.EquivariantFeatures}: one λ block (samples, 2λ+1, features),
 *       row-major; per-environment Frobenius normalisation (trace of the self-kernel = 1).</li>
 *   <li>{@link org.equidens.kernel.SphericalKernel}: K^λ(i,j) = (P̃^λ_i·P̃^λ_j)·k0(i,j)^{ζ−1}, one gemm per
 *       block pair, and its structure-summed form.</li>
 *   <li>{@link org.equidens.kernel.VectorFieldKernel}: the λ⊗1 kernel of the density response,
 *       Σ_l C C K^l with K^{λ±1} from proper and K^λ from pseudo λ-SOAP, as explicit features Φ.</li>
 *   <li>{@link org.equidens.kernel.SparseSelection}: FPS per species in FPS order (prefixes = per-λ
 *       truncations), CUR, seeded random.</li>
 * </ul>
 * Components are real spherical, μ = −λ..λ (l=1 ↔ y, z, x), the convention of
 * {@link org.equidens.math.SphericalHarmonics} and {@link org.equidens.math.WignerD}.
 */
package org.equidens.kernel;
