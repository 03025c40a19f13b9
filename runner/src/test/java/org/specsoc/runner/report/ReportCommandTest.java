package org.specsoc.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.testing.SharedData;
import org.specsoc.runner.cli.SpecsocCli;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void specsocReportWritesThePapersTablesFromTheAuthorsRuns() throws Exception {
        var cli = new SpecsocCli(() -> {
            throw new AssertionError("report needs no plugins");
        }, dir).commandLine();
        var out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("report", SharedData.require("authors-results").toString(), "-o",
                dir.resolve("out").toString(), "--problematic", "1,2,3,5,6,8,16,18");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Tables written under");
        String table2 = Files.readString(dir.resolve("out/exp1/summary.md"));
        // Table 2's ANN decoder row of the problematic block as printed: validation MRMSE 4.984 ± 0.338.
        assertThat(table2).contains("Problematic regions: 1, 2, 3, 5, 6, 8, 16, 18", "4.984 ± 0.338",
                "3.358 ± 0.179", "4.2529");
        assertThat(Files.readString(dir.resolve("out/table1/summary.md"))).contains("0.669 ± 0.011");
        assertThat(Files.readString(dir.resolve("out/exp3/summary.md"))).contains("After fine-tuning",
                "0.210 ± 0.068");
        assertThat(dir.resolve("out/exp1/r2-vs-mrmse.png")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("out/exp1/runs.csv"))).hasSize(205);
    }
}
