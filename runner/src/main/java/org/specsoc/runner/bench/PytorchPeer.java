package org.specsoc.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/pytorch_peer.py} (the same GEMM shapes and training epochs in PyTorch) and reads its JSON,
 * so {@code specsoc bench --peer pytorch} can print our figures beside PyTorch's on the same machine.
 */
public final class PytorchPeer {
    /** Where the script lives in the source tree and in a distribution. */
    public static final String SCRIPT = "bench/pytorch_peer.py";
    /** The groups the script knows; other benchmarks have no PyTorch counterpart. */
    public static final List<String> GROUPS = List.of("gemm", "epoch");
    private static final long TIMEOUT_MINUTES = 60;

    /**
     * What the script reported.
     *
     * @param threads the torch thread counts tried; each measurement is the fastest of them
     */
    public record Result(String torchVersion, List<Integer> threads, List<Measurement> measurements) {
        public Result {
            threads = List.copyOf(threads);
            measurements = List.copyOf(measurements);
        }
    }

    /** A failure to run the peer, with a message for the user. */
    public static final class PeerException extends Exception {
        public PeerException(String message) {
            super(message);
        }
    }

    private PytorchPeer() {
    }

    /**
     * The script, looked for under the working directory and then under the folders above the jar or classes
     * folder this class was loaded from (runner/target/specsoc.jar -&gt; the checkout's root).
     */
    public static Optional<Path> findScript(Path workingDirectory, Path codeLocation) {
        var candidates = new ArrayList<Path>();
        candidates.add(workingDirectory.resolve(SCRIPT));
        for (Path p = codeLocation; p != null && candidates.size() < 6; p = p.getParent()) {
            candidates.add(p.resolve(SCRIPT));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The jar or classes folder of the runner, for {@link #findScript}. */
    public static Path codeLocation() {
        try {
            return Path.of(PytorchPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /**
     * Runs the script with {@code python}; its progress lines go to our stderr.
     *
     * @param groups the groups to measure (a subset of {@link #GROUPS})
     */
    public static Result run(String python, Path script, BenchOptions options, List<String> groups,
                             List<Integer> threads) throws PeerException, InterruptedException {
        String threadList = threads.stream().map(String::valueOf).collect(Collectors.joining(","));
        var command = new ArrayList<>(List.of(python, script.toString(), "--threads", threadList,
                "--samples", Integer.toString(options.samples()), "--bands", Integer.toString(options.bands()),
                "--batch", Integer.toString(options.batch()), "--hidden", Integer.toString(options.hidden()),
                "--latent", Integer.toString(options.latent())));
        if (options.quick()) {
            command.add("--quick");
        }
        for (String g : groups) {
            command.add("--only");
            command.add(g);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new PeerException("--peer pytorch: cannot start '" + python + "' (" + e.getMessage()
                    + "); install Python 3 with PyTorch or name the interpreter with --python");
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new PeerException("--peer pytorch: " + script + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes");
        }
        String out = stdout.join();
        int exit = process.exitValue();
        if (exit == 3) {
            throw new PeerException("--peer pytorch: PyTorch is not installed for '" + python + "' (import torch"
                    + " failed); install it (Debian: apt-get install python3-torch) or name another interpreter"
                    + " with --python");
        }
        if (exit != 0) {
            throw new PeerException("--peer pytorch: " + script + " exited with status " + exit
                    + " (its messages are above)");
        }
        return parse(out, script.toString());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads the script's JSON; {@code source} names it in messages. */
    public static Result parse(String json, String source) throws PeerException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new PeerException("--peer pytorch: " + source + " did not print JSON: " + first);
        }
        if (root == null || !root.path("measurements").isArray()) {
            throw new PeerException("--peer pytorch: " + source + " printed no \"measurements\" array");
        }
        var list = new ArrayList<Measurement>();
        int i = 0;
        for (JsonNode m : root.get("measurements")) {
            String name = m.path("name").asText(null);
            if (name == null || (!m.has("gflops") && !m.has("seconds"))) {
                throw new PeerException("--peer pytorch: " + source + ": measurement " + i
                        + " has no name or no figure (gflops or seconds)");
            }
            list.add(new Measurement(m.path("backend").asText("pytorch"), name, number(m, "gflops"),
                    number(m, "seconds"), number(m, "samples_per_second"), m.path("note").asText(null)));
            i++;
        }
        var threads = new ArrayList<Integer>();
        // an older script printed one number
        for (JsonNode t : root.path("threads").isArray() ? root.path("threads") : List.of(root.path("threads"))) {
            if (t.canConvertToInt() && t.asInt() > 0) {
                threads.add(t.asInt());
            }
        }
        return new Result(root.path("torch").asText("?"), threads, list);
    }

    private static Double number(JsonNode m, String field) {
        return m.has(field) && m.get(field).isNumber() ? m.get(field).asDouble() : null;
    }

    /** A figure of ours beside the peer's for the same name; ratio &gt; 1 means ours is faster. */
    public record Comparison(String backend, String name, String ours, String peer, double ratio) {
    }

    /** Pairs every measurement of ours with the peer's of the same name (GFLOP/s: ours/peer; seconds: peer/ours). */
    public static List<Comparison> compare(List<Measurement> ours, List<Measurement> peer) {
        Map<String, Measurement> byName = new LinkedHashMap<>();
        peer.forEach(p -> byName.putIfAbsent(p.name(), p));
        var rows = new ArrayList<Comparison>();
        for (Measurement m : ours) {
            Measurement p = byName.get(m.name());
            if (p == null) {
                continue;
            }
            if (m.gflops() != null && p.gflops() != null && p.gflops() > 0) {
                rows.add(new Comparison(m.backend(), m.name(), gflops(m.gflops()), gflops(p.gflops()),
                        m.gflops() / p.gflops()));
            } else if (m.seconds() != null && p.seconds() != null && m.seconds() > 0) {
                rows.add(new Comparison(m.backend(), m.name(), seconds(m.seconds()), seconds(p.seconds()),
                        p.seconds() / m.seconds()));
            }
        }
        return rows;
    }

    private static String gflops(double v) {
        return String.format(Locale.ROOT, "%.1f GFLOP/s", v);
    }

    private static String seconds(double v) {
        return String.format(Locale.ROOT, "%.3f s", v);
    }
}
