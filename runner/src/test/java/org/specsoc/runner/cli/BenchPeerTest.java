package org.specsoc.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.runner.bench.BenchOptions;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.bench.Measurement;
import org.specsoc.runner.testing.FakeWorld;
import picocli.CommandLine;

/**
 * {@code specsoc bench --peer pytorch}, with a stand-in interpreter (a shell script) that records its arguments
 * and prints the peer's JSON, so the test needs neither Python nor PyTorch.
 */
class BenchPeerTest {
    @TempDir
    Path base;

    private final FakeWorld world = new FakeWorld();
    private Path fakePython;
    private Path script;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        CommandLine cl = new SpecsocCli(world::injector, base).commandLine();
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void install() throws Exception {
        world.with(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Benchmark.class).addBinding().toInstance(new Benchmark() {
                    @Override
                    public String name() {
                        return "gemm";
                    }

                    @Override
                    public List<Measurement> run(ComputeBackend backend, BenchOptions options) {
                        return List.of(Measurement.gflops(backend.name(), "gemm.enc.l1.fwd 300x2136x512 NN", 180.0,
                                null), Measurement.gflops(backend.name(), "gemm.only.ours 1x1x1 NN", 1.0, null));
                    }
                });
            }
        });
        script = base.resolve("bench/pytorch_peer.py");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "# stand-in\n");
        fakePython = base.resolve("fake-python");
        Files.writeString(fakePython, """
                #!/bin/sh
                echo "$@" > "$(dirname "$0")/args.txt"
                echo "peer progress" >&2
                cat <<'JSON'
                {"tool": "pytorch", "torch": "1.13.1", "threads": 2, "measurements": [
                 {"backend": "pytorch", "name": "gemm.enc.l1.fwd 300x2136x512 NN", "gflops": 120.0}]}
                JSON
                """);
        Files.setPosixFilePermissions(fakePython, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void printsBothFiguresWithTheirRatioAndWritesThePeersToJson() throws Exception {
        Result r = run("bench", "--quick", "--peer", "pytorch", "--python", fakePython.toString(), "--json", "b.json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains(
                "Beside PyTorch 1.13.1 (torch threads 2) on this machine; ratio > 1: specsoc is faster");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("java\\s+gemm.enc.l1.fwd 300x2136x512 NN\\s+180.0 GFLOP/s\\s+120.0 GFLOP/s\\s+1.50"));
        assertThat(lines).noneMatch(l -> l.contains("gemm.only.ours") && l.contains("GFLOP/s  "));
        String args = Files.readString(base.resolve("args.txt"));
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(args).startsWith(script.toString()).contains("--quick", "--only gemm", "--batch 300",
                "--bands 2136", "--threads " + (cores == 1 ? "1" : "1," + cores));
        JsonNode json = new ObjectMapper().readTree(base.resolve("b.json").toFile());
        var backends = new ArrayList<String>();
        json.forEach(n -> backends.add(n.get("backend").asText()));
        assertThat(backends).containsExactly("java", "java", "pytorch");
    }

    @Test
    void unknownPeerAndMissingInterpreterAreClearErrors() {
        Result unknown = run("bench", "--peer", "pytorh");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--peer: unknown peer 'pytorh'; known: pytorch");

        Result missing = run("bench", "--quick", "--peer", "pytorch", "--python", "no-such-python-3");
        assertThat(missing.exit()).isEqualTo(SpecsocCli.RUN_FAILED);
        assertThat(missing.err()).contains("cannot start 'no-such-python-3'");
        assertThat(missing.out()).contains("gemm.enc.l1.fwd").as("our own figures are still printed");
    }

    @Test
    void aScriptThatIsNotThereIsNamed() {
        Result r = run("bench", "--peer", "pytorch", "--peer-script", "nowhere.py");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--peer-script: no such file").contains("nowhere.py");
    }

    @Test
    void theHeadingSaysEachPeerFigureIsTheFastestOfTheThreadCountsTried() {
        var peer = new org.specsoc.runner.bench.PytorchPeer.Result("1.13.1", List.of(1, 2), List.of());
        assertThat(BenchCommand.comparisonTable(peer, List.of()).get(0)).isEqualTo(
                "Beside PyTorch 1.13.1 (fastest of torch threads 1, 2 per measurement) on this machine; ratio > 1:"
                        + " specsoc is faster");
    }
}
