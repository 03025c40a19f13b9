package org.specsoc.runner.predict;

import java.io.IOException;
import java.util.Arrays;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.SpectraCsvStream;

/**
 * Tabular spectra handed to prediction a batch at a time, so that a reader able to stream (CSV, HDF5) keeps
 * memory flat however long the input is.
 */
public interface SpectraBatches extends AutoCloseable {

    /** What the spectra come from, for messages. */
    String source();

    /** The wavelength grid of the spectra, nm, increasing. */
    double[] wavelengths();

    /** The next at most {@code maxRows} spectra, or {@code null} at the end. */
    Batch next(int maxRows) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /**
     * @param ids     one per spectrum
     * @param spectra {@code ids.length x wavelengths().length}, row-major
     * @param soc     laboratory SOC mass fraction per spectrum ({@code NaN}: unknown)
     */
    record Batch(String[] ids, float[] spectra, float[] soc) {
        public int rows() {
            return ids.length;
        }
    }

    /** Batches over a data set already in memory (a reader without streaming). */
    static SpectraBatches of(SpectralDataset data) {
        return new SpectraBatches() {
            private int next;

            @Override
            public String source() {
                return data.provenance().source();
            }

            @Override
            public double[] wavelengths() {
                return data.wavelengths();
            }

            @Override
            public Batch next(int maxRows) {
                if (next >= data.rows()) {
                    return null;
                }
                int end = Math.min(data.rows(), next + maxRows);
                int m = data.bands();
                String[] ids = new String[end - next];
                float[] soc = new float[end - next];
                for (int i = next; i < end; i++) {
                    ids[i - next] = data.id(i);
                    soc[i - next] = data.soc(i);
                }
                float[] spectra = Arrays.copyOfRange(data.spectra(), next * m, end * m);
                next = end;
                return new Batch(ids, spectra, soc);
            }
        };
    }

    /** Batches read from a CSV as they are asked for (memory O(batch)); closing closes the file. */
    static SpectraBatches of(SpectraCsvStream stream) {
        double[] grid = stream.wavelengths();
        return new SpectraBatches() {
            @Override
            public String source() {
                return stream.file().toString();
            }

            @Override
            public double[] wavelengths() {
                return grid;
            }

            @Override
            public Batch next(int maxRows) throws IOException {
                SpectraCsvStream.Rows rows = stream.next(maxRows);
                return rows == null ? null : new Batch(rows.ids(), rows.spectra(), rows.labels());
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    /**
     * Reads the next batch on a background thread while the caller predicts the current one, so that CSV
     * parsing and the model's GEMMs overlap; memory stays O(batch) (two batches at most: the one being
     * predicted and the one being read). Errors surface, unchanged, from the {@link #next} that would have
     * returned the failing batch.
     */
    static SpectraBatches readingAhead(SpectraBatches in) {
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spectra-read-ahead");
            t.setDaemon(true);
            return t;
        });
        return new SpectraBatches() {
            private java.util.concurrent.Future<Batch> ahead;
            private int aheadRows;

            @Override
            public String source() {
                return in.source();
            }

            @Override
            public double[] wavelengths() {
                return in.wavelengths();
            }

            @Override
            public Batch next(int maxRows) throws IOException {
                Batch b;
                if (ahead != null && aheadRows == maxRows) {
                    b = take(ahead);
                } else {
                    if (ahead != null) {
                        throw new IllegalStateException("read-ahead batches must all ask for the same size");
                    }
                    b = in.next(maxRows);
                }
                ahead = null;
                if (b != null) {
                    aheadRows = maxRows;
                    ahead = pool.submit(() -> in.next(maxRows));
                }
                return b;
            }

            private Batch take(java.util.concurrent.Future<Batch> f) throws IOException {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading " + in.source());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException("reading " + in.source() + " failed", e.getCause());
                }
            }

            @Override
            public void close() throws IOException {
                if (ahead != null) {
                    ahead.cancel(false);
                    try {
                        ahead.get();
                    } catch (Exception e) {
                        // the caller stopped early; a read error after that point is of no interest
                    }
                }
                pool.shutdownNow();
                in.close();
            }
        };
    }
}
