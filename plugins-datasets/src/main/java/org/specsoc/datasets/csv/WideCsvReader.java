package org.specsoc.datasets.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the wide spectra CSV layout (one spectrum per row; spectral columns named {@code nm_<wavelength>},
 * {@code <wavelength>}, {@code wl_<wavelength>} or {@code X<wavelength>}; any other column is text) fast:
 * FastCSV tokenises on the calling thread into chunks of rows whose numeric fields are copied as characters,
 * and worker threads turn each chunk into float32 while the next is being read. Every problem is one
 * {@link DataFormatException} naming file, line and column: an empty file, a header without spectral columns,
 * duplicate or non-increasing wavelengths, rows longer or shorter than the header, non-numeric values.
 * Empty, {@code NA} and {@code NaN} cells become NaN; what NaN means is decided by the caller.
 */
public final class WideCsvReader {
    private static final Pattern SPECTRAL = Pattern.compile("(?i)^(?:nm_?|wl_?|x|r_?)?(\\d+(?:\\.\\d+)?)$");
    private static final int CHUNK_ROWS = 256;

    private final Predicate<String> keepText;
    private final int threads;

    /** Keeps every text column; parses on all available processors. */
    public WideCsvReader() {
        this(name -> true, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param keepText which non-spectral columns to keep (others are skipped without building strings)
     * @param threads  number of parsing threads (at least 1)
     */
    public WideCsvReader(Predicate<String> keepText, int threads) {
        this.keepText = keepText;
        this.threads = Math.max(1, threads);
    }

    /** The wavelength of a spectral header name, or NaN when the column is not spectral. */
    public static double wavelengthOf(String header) {
        Matcher m = SPECTRAL.matcher(header.trim());
        return m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    public WideTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        if (Files.size(file) == 0) {
            throw new DataFormatException(file, "the file is empty (no header row)");
        }
        var handler = new Handler(file, threads + 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "csv-parse");
            t.setDaemon(true);
            return t;
        });
        List<Future<ParsedChunk>> parsed = new ArrayList<>();
        MessageDigest sha256 = sha256();
        // The digest is taken while the file is parsed, so the provenance record costs no second read.
        try (var in = new DigestInputStream(Files.newInputStream(file), sha256);
             var text = new InputStreamReader(in, StandardCharsets.UTF_8);
             CsvReader<Chunk> reader = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .build(handler, text)) {
            for (Chunk full : reader) {
                if (full != Chunk.PENDING) {
                    parsed.add(pool.submit(() -> full.parseAndRelease(handler.free)));
                }
            }
            Chunk last = handler.finish();
            if (last != null) {
                parsed.add(pool.submit(() -> last.parseAndRelease(handler.free)));
            }
            if (!handler.hasHeader()) {
                throw new DataFormatException(file, "the file is empty (no header row)");
            }
            return assemble(file, handler, parsed, HexFormat.of().formatHex(sha256.digest()));
        } catch (CsvParseException | UncheckedIOException e) {
            throw ColumnRoutingHandler.readFailure(file, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private WideTable assemble(Path file, Handler h, List<Future<ParsedChunk>> parsed, String sha256)
            throws IOException {
        int m = h.wavelengths.length;
        List<ParsedChunk> chunks = new ArrayList<>(parsed.size());
        for (Future<ParsedChunk> f : parsed) {
            try {
                chunks.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + file, e);
            } catch (ExecutionException e) {
                throw new IOException("parsing " + file + " failed", e.getCause());
            }
        }
        // Chunks are in file order, so the first error found is the earliest in the file.
        for (ParsedChunk c : chunks) {
            if (c.error != null) {
                throw c.error;
            }
        }
        int rows = chunks.stream().mapToInt(c -> c.rows).sum();
        if (rows == 0) {
            throw new DataFormatException(file, 2, 0, null, "the file has a header but no data rows");
        }
        float[] spectra = new float[Math.multiplyExact(rows, m)];
        long[] lines = new long[rows];
        var text = new LinkedHashMap<String, String[]>();
        for (String name : h.textNames) {
            text.put(name, new String[rows]);
        }
        int at = 0;
        for (ParsedChunk c : chunks) {
            System.arraycopy(c.values, 0, spectra, at * m, c.rows * m);
            System.arraycopy(c.lines, 0, lines, at, c.rows);
            for (int t = 0; t < h.textNames.size(); t++) {
                System.arraycopy(c.text[t], 0, text.get(h.textNames.get(t)), at, c.rows);
            }
            at += c.rows;
        }
        return new WideTable(file, h.wavelengths, spectra, rows, text, h.spectralNames, h.spectralPositions, lines,
                sha256);
    }

    /** The rows of one chunk as characters, before number parsing. */
    private static final class Chunk {
        /** What the handler returns for a row that did not complete a chunk (FastCSV wants a non-null record). */
        static final Chunk PENDING = new Chunk(null, 0, 0, new int[0], List.of());
        final Path file;
        final int bands;
        final int[] spectralPositions;
        final List<String> spectralNames;
        char[] chars = new char[1 << 16];
        int used;
        final int[] starts;
        final int[] lengths;
        final long[] lines = new long[CHUNK_ROWS];
        final String[][] text;
        int rows;

        Chunk(Path file, int bands, int textColumns, int[] spectralPositions, List<String> spectralNames) {
            this.file = file;
            this.bands = bands;
            this.spectralPositions = spectralPositions;
            this.spectralNames = spectralNames;
            this.starts = new int[CHUNK_ROWS * bands];
            this.lengths = new int[CHUNK_ROWS * bands];
            this.text = new String[textColumns][CHUNK_ROWS];
        }

        void addNumber(int band, char[] buf, int off, int len) {
            if (used + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
            }
            System.arraycopy(buf, off, chars, used, len);
            int k = rows * bands + band;
            starts[k] = used;
            lengths[k] = len;
            used += len;
        }

        /** Parses the numbers, then hands this chunk's buffers back to {@code pool} for reuse. */
        ParsedChunk parseAndRelease(java.util.concurrent.BlockingQueue<Chunk> pool) {
            try {
                return parse();
            } finally {
                rows = 0;
                used = 0;
                pool.offer(this);
            }
        }

        ParsedChunk parse() {
            float[] values = new float[rows * bands];
            for (int r = 0; r < rows; r++) {
                int base = r * bands;
                for (int b = 0; b < bands; b++) {
                    int k = base + b;
                    try {
                        values[k] = DecimalParser.parse(chars, starts[k], lengths[k]);
                    } catch (DecimalParser.NotANumber e) {
                        String cell = new String(chars, starts[k], lengths[k]);
                        return new ParsedChunk(null, null, null, 0, new DataFormatException(file, lines[r],
                                spectralPositions[b], spectralNames.get(b), "'" + cell + "' is not a number"));
                    }
                }
            }
            String[][] textCopy = new String[text.length][];
            for (int t = 0; t < text.length; t++) {
                textCopy[t] = Arrays.copyOf(text[t], rows);
            }
            return new ParsedChunk(values, Arrays.copyOf(lines, rows), textCopy, rows, null);
        }
    }

    private record ParsedChunk(float[] values, long[] lines, String[][] text, int rows, DataFormatException error) {
    }

    /** FastCSV callback: the header first, then data rows packed into chunks. */
    private final class Handler extends ColumnRoutingHandler<Chunk> {
        double[] wavelengths;
        List<String> spectralNames;
        int[] spectralPositions;
        final List<String> textNames = new ArrayList<>();
        private Chunk chunk;
        /** Chunks whose numbers have been parsed, ready for reuse; bounds memory and garbage. */
        final java.util.concurrent.BlockingQueue<Chunk> free;
        private final int maxChunks;
        private int created;

        Handler(Path file, int maxChunks) {
            super(file);
            this.maxChunks = maxChunks;
            this.free = new java.util.concurrent.ArrayBlockingQueue<>(maxChunks);
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            if (chunk != null && chunk.rows == CHUNK_ROWS) {
                throw new IllegalStateException("chunk not handed over");
            }
        }

        @Override
        protected void number(int band, int index, char[] buf, int off, int len) {
            chunk.addNumber(band, buf, off, len);
        }

        @Override
        protected void text(int column, String value) {
            chunk.text[column][chunk.rows] = value;
        }

        @Override
        protected RecordWrapper<Chunk> buildRecord() {
            if (isEmptyLine() || isComment()) {
                return wrapRecord(Chunk.PENDING);
            }
            try {
                if (!hasHeader()) {
                    defineHeader(getStartingLineNumber());
                    return wrapRecord(Chunk.PENDING);
                }
                requireWholeRow();
            } catch (DataFormatException e) {
                throw new UncheckedIOException(e);
            }
            chunk.lines[chunk.rows] = getStartingLineNumber();
            chunk.rows++;
            if (chunk.rows == CHUNK_ROWS) {
                Chunk full = chunk;
                chunk = newChunk();
                return wrapRecord(full);
            }
            return wrapRecord(Chunk.PENDING);
        }

        Chunk finish() {
            Chunk last = chunk;
            chunk = null;
            return last == null || last.rows == 0 ? null : last;
        }

        private Chunk newChunk() {
            Chunk reused = free.poll();
            if (reused != null) {
                return reused;
            }
            if (created < maxChunks) {
                created++;
                return new Chunk(file, wavelengths.length, textNames.size(), spectralPositions, spectralNames);
            }
            try {
                // Every chunk is being parsed: wait for one, which keeps the reader at most a few chunks ahead.
                return free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + file, e);
            }
        }

        private void defineHeader(long line) throws DataFormatException {
            Columns c = defineColumns(line, keepText);
            textNames.addAll(c.textNames());
            wavelengths = c.wavelengths();
            spectralNames = c.spectralNames();
            spectralPositions = c.spectralPositions();
            chunk = newChunk();
        }
    }

    /**
     * What each column of a header is, shared by the whole-file reader and {@link SpectraCsvStream}.
     *
     * @param role              per file column: >= 0 spectral band, -1 - t text column t, MIN_VALUE skipped
     * @param textNames         kept non-spectral columns, in file order
     * @param wavelengths       nm, strictly increasing
     * @param spectralNames     header name of each spectral column
     * @param spectralPositions 1-based file position of each spectral column
     */
    record Columns(int[] role, List<String> textNames, double[] wavelengths, List<String> spectralNames,
                   int[] spectralPositions) {

        static Columns of(Path file, long line, List<String> header, Predicate<String> keepText)
                throws DataFormatException {
            int[] role = new int[header.size()];
            var textNames = new ArrayList<String>();
            var seen = new HashSet<String>();
            var wl = new ArrayList<Double>();
            var names = new ArrayList<String>();
            var positions = new ArrayList<Integer>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c).trim();
                if (c == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
                    name = name.substring(1);
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new DataFormatException(file, line, c + 1, name, "the column name appears twice");
                }
                double w = wavelengthOf(name);
                if (Double.isNaN(w)) {
                    if (keepText.test(name)) {
                        role[c] = -1 - textNames.size();
                        textNames.add(name);
                    } else {
                        role[c] = Integer.MIN_VALUE;
                    }
                    continue;
                }
                if (!wl.isEmpty() && !(w > wl.get(wl.size() - 1))) {
                    throw new DataFormatException(file, line, c + 1, name, "wavelengths must increase from column to "
                            + "column, but " + SpectraFormat.nm(w) + " nm follows "
                            + SpectraFormat.nm(wl.get(wl.size() - 1)) + " nm");
                }
                role[c] = wl.size();
                wl.add(w);
                names.add(name);
                positions.add(c + 1);
            }
            if (wl.isEmpty()) {
                throw new DataFormatException(file, line, 0, null, "the header names no spectral column (expected "
                        + "names such as nm_400 or 400); columns are " + header);
            }
            return new Columns(role, List.copyOf(textNames), wl.stream().mapToDouble(Double::doubleValue).toArray(),
                    List.copyOf(names), positions.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Header names of {@code file} (for callers that match columns tolerantly before reading). */
    public static List<String> header(Path file) throws IOException {
        try (var reader = CsvReader.builder().ignoreDifferentFieldCount(true).ofCsvRecord(file)) {
            var it = reader.iterator();
            if (!it.hasNext()) {
                throw new DataFormatException(file, "the file is empty (no header row)");
            }
            return it.next().getFields().stream().map(s -> s.replace("\uFEFF", "").trim()).toList();
        }
    }

    /** Keeps only the named text columns. */
    public static Predicate<String> only(List<String> names) {
        var set = new HashSet<String>(names);
        return set::contains;
    }
}
