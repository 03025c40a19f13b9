package org.specsoc.datasets.lucas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralDataset;

class LucasReaderTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource("/lucas/" + name).toURI());
    }

    @Test
    void replicatesAveragedInAbsorbanceJoinedWithTopsoil() throws Exception {
        SpectralDataset d = new LucasReader(false).read(resource("spectra.csv"), resource("topsoil.csv"));
        assertThat(d.ids()).containsExactly("47862690", "26781782");
        assertThat(d.wavelengths()).containsExactly(400, 400.5, 401, 401.5);
        // Mean absorbance of 0.5 and 0.7 is 0.6: R = 10^-0.6.
        assertThat(d.value(0, 0)).isCloseTo((float) Math.pow(10, -0.6), within(1e-6f));
        assertThat(d.value(1, 3)).isCloseTo(0.1f, within(1e-6f));
        assertThat(d.soc(0)).isCloseTo(0.0305f, within(1e-7f));
        assertThat(d.labelled(1)).isFalse();
        assertThat(d.group(SpectralDataset.REGION)).containsExactly("AT", "DE");
        assertThat(d.group("land-cover")).containsExactly("Cropland", "Grassland");
        assertThat(d.provenance().facts()).containsEntry("points_without_topsoil_row", "1");
    }

    @Test
    void keepUnlabelledKeepsPointsWithoutTopsoilRow() throws Exception {
        SpectralDataset d = new LucasReader(true).read(resource("spectra.csv"), resource("topsoil.csv"));
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.labelledCount()).isEqualTo(1);
    }

    @Test
    void duplicateReplicateIsNamed() throws IOException {
        Path s = dir.resolve("s.csv");
        Files.writeString(s, "PointID,replicate,400,401\n1,1,0.2,0.3\n1,1,0.2,0.3\n");
        Path t = dir.resolve("t.csv");
        Files.writeString(t, "Point_ID,OC\n1,10\n");
        assertThatThrownBy(() -> new LucasReader(false).read(s, t))
                .hasMessageContaining("s.csv, line 3, column 2 'replicate'").hasMessageContaining("first on line 2");
    }

    @Test
    void missingOcColumnAndDuplicatePoint() throws IOException {
        Path s = dir.resolve("s.csv");
        Files.writeString(s, "PointID,400,401\n1,0.2,0.3\n");
        Path noOc = dir.resolve("t.csv");
        Files.writeString(noOc, "Point_ID,clay\n1,10\n");
        assertThatThrownBy(() -> new LucasReader(false).read(s, noOc))
                .hasMessageContaining("t.csv, line 1").hasMessageContaining("no organic carbon (OC, g/kg) column");
        Path dup = dir.resolve("d.csv");
        Files.writeString(dup, "Point_ID,OC\n1,10\n1,11\n");
        assertThatThrownBy(() -> new LucasReader(false).read(s, dup))
                .hasMessageContaining("d.csv, line 3, column 1 'Point_ID'").hasMessageContaining("duplicate point id");
    }
}
