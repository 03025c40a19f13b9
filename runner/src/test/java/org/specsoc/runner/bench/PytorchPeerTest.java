package org.specsoc.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PytorchPeerTest {
    private static final String OUTPUT = """
            {"tool": "pytorch", "torch": "1.13.1", "threads": [1, 2], "measurements": [
              {"backend": "pytorch", "name": "gemm.enc.l1.fwd 300x2136x512 NN", "gflops": 100.0, "note": "mm"},
              {"backend": "pytorch", "name": "epoch.encoder", "seconds": 2.5, "samples_per_second": 9000.0},
              {"backend": "pytorch", "name": "epoch.encoder+ann", "seconds": 4.0, "samples_per_second": 5600.0}]}
            """;

    @Test
    void parsesTheScriptsJson() throws Exception {
        PytorchPeer.Result r = PytorchPeer.parse(OUTPUT, "peer.py");
        assertThat(r.torchVersion()).isEqualTo("1.13.1");
        assertThat(r.threads()).containsExactly(1, 2);
        assertThat(r.measurements()).hasSize(3);
        assertThat(r.measurements().get(1).samplesPerSecond()).isEqualTo(9000.0);
        assertThat(r.measurements().get(0).gflops()).isEqualTo(100.0);
        assertThat(r.measurements().get(0).seconds()).isNull();
    }

    @Test
    void badOutputIsACleanError() {
        assertThatThrownBy(() -> PytorchPeer.parse("Traceback (most recent call last)", "peer.py"))
                .isInstanceOf(PytorchPeer.PeerException.class).hasMessageContaining("peer.py did not print JSON");
        assertThatThrownBy(() -> PytorchPeer.parse("{\"measurements\": [{\"name\": \"x\"}]}", "peer.py"))
                .hasMessageContaining("measurement 0 has no name or no figure");
    }

    @Test
    void comparesMatchingNamesOnly() throws Exception {
        var peer = PytorchPeer.parse(OUTPUT, "peer.py").measurements();
        var ours = List.of(
                Measurement.gflops("java", "gemm.enc.l1.fwd 300x2136x512 NN", 150.0, null),
                Measurement.gflops("java", "gemm.something.else 1x1x1 NN", 1.0, null),
                Measurement.seconds("java", "epoch.encoder", 2.0, 11775.0, null));
        List<PytorchPeer.Comparison> rows = PytorchPeer.compare(ours, peer);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).ratio()).isEqualTo(1.5);
        assertThat(rows.get(0).ours()).isEqualTo("150.0 GFLOP/s");
        assertThat(rows.get(1).ratio()).as("time: peer / ours").isEqualTo(1.25);
        assertThat(rows.get(1).peer()).isEqualTo("2.500 s");
    }

    @Test
    void findsTheScriptUnderTheWorkingDirectoryOrAboveTheJar(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("checkout");
        Path jar = root.resolve("runner/target/specsoc.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        assertThat(PytorchPeer.findScript(work, jar)).isEmpty();
        Path script = root.resolve(PytorchPeer.SCRIPT);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "print()");
        assertThat(PytorchPeer.findScript(work, jar)).contains(script);
        Path local = work.resolve(PytorchPeer.SCRIPT);
        Files.createDirectories(local.getParent());
        Files.writeString(local, "print()");
        assertThat(PytorchPeer.findScript(work, jar)).contains(local);
    }

    @Test
    void theRepositoryScriptIsFound() {
        // the test runs in runner/; the script is at the checkout's root, above this module's classes
        assertThat(PytorchPeer.findScript(Path.of("").toAbsolutePath(), PytorchPeer.codeLocation())).isPresent();
    }

    @Test
    void aMissingInterpreterIsNamed(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("peer.py");
        Files.writeString(script, "");
        var options = new BenchOptions(10, 5, 2, 3, 2, 1, true, dir);
        assertThatThrownBy(() -> PytorchPeer.run("no-such-python-here", script, options, List.of("gemm"), List.of(1)))
                .isInstanceOf(PytorchPeer.PeerException.class)
                .hasMessageContaining("cannot start 'no-such-python-here'").hasMessageContaining("--python");
    }
}
