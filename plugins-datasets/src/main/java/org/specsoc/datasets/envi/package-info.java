/**
 * ENVI files: {@link org.specsoc.datasets.envi.EnviHeader} (the {@code .hdr} of images and spectral libraries,
 * parsed and written), {@link org.specsoc.datasets.envi.EnviImageReader} and
 * {@link org.specsoc.datasets.envi.EnviImageWriter} (BSQ, BIL and BIP images a block of lines at a time, so
 * that a scene larger than memory can be processed), and {@link org.specsoc.datasets.envi.BandResampler}
 * (sensor bands to a model's wavelength grid and back).
 */
package org.specsoc.datasets.envi;
