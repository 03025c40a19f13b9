/**
 * The model archive: one zip file holding everything a trained model is.
 *
 * <pre>
 * format.json         {"format": "specsoc-model", "version": 1, "writtenBy": "specsoc 0.1.0"}   (first entry)
 * config.properties   the effective configuration, every key with the value used
 * provenance.json     {@link org.specsoc.runner.archive.ModelProvenance}
 * wavelengths.json    the wavelength grid in nm, a JSON array of numbers
 * endmembers.json     the decoder's endmember names, a JSON array of strings (empty without endmembers)
 * tensors.json        {"dtype": "&lt;f4", "byteOrder": "little", "order": "C",
 *                      "tensors": [{"name": "encoder.l1.weight", "entry": "tensors/encoder.l1.weight.bin",
 *                                   "shape": [512, 2136], "dtype": "&lt;f4"}, ...]}
 * tensors/NAME.bin    little-endian float32 values, row-major, stored uncompressed
 * extras/NAME.json    named JSON documents (calibration, preprocessing, training state of a checkpoint, ...)
 * manifest.json       {"algorithm": "SHA-256", "entries": {"config.properties": "3f2a...", ...}}   (last entry)
 * </pre>
 *
 * <p>From Python: {@code z = zipfile.ZipFile(path); idx = json.loads(z.read('tensors.json'));
 * np.frombuffer(z.read(t['entry']), '<f4').reshape(t['shape'])} for each {@code t} in {@code idx['tensors']}.
 *
 * <p>No Java serialization: every part is JSON, properties text or raw float32, so other languages and later
 * versions can read it. The manifest catches damage the zip's own CRC-32 does not (the central directory can be
 * intact while an entry's bytes are not, and {@link java.util.zip.ZipFile} does not check CRCs of stored
 * entries); the reader refuses a file whose digests do not match rather than load half a model.
 */
package org.specsoc.runner.archive;
