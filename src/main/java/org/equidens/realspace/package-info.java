/**
 * Densities and responses in real space: grids and Gaussian cube files
 * ({@link org.equidens.realspace.Grid}, {@link org.equidens.realspace.CubeFile},
 * {@link org.equidens.realspace.VolumetricData}), coefficient vectors evaluated on grids and points,
 * with periodic images for cells ({@link org.equidens.realspace.RealSpaceBasis}), grid fields fitted
 * back onto the basis ({@link org.equidens.realspace.GridFit}), error metrics
 * ({@link org.equidens.realspace.GridMetrics}), and the choice of which grid points to label:
 * targeted sampling ({@link org.equidens.realspace.TargetedSampling}) followed by linearly independent
 * feature selection ({@link org.equidens.realspace.Lifs}) on pluggable point features
 * ({@link org.equidens.realspace.PointFeatures}).
 *
 * <p>Everything here is in bohr and atomic units, as cube files are; structures ({@code Atoms}) stay in
 * Å and are converted with {@link org.equidens.basis.Units}. Values are in cube order (x outer, z
 * inner). Why real space at all: reference data from plane-wave codes and from other quantum-chemistry
 * codes arrives as grids, and a predicted density is judged (ε = ∫|n̂−n|/∫|n|) and looked at on grids.
 */
package org.equidens.realspace;
