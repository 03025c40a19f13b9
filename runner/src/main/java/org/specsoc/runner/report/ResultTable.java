package org.specsoc.runner.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.RunResult;

/**
 * A table in the paper's layout: blocks (all regions / problematic / generalising, or after pre-training /
 * after fine-tuning), one row per architecture, eight metric columns of mean ± standard error over runs.
 */
public record ResultTable(String title, List<Block> blocks) {

    public ResultTable {
        blocks = List.copyOf(blocks);
    }

    /** One block of rows. */
    public record Block(String name, List<Row> rows) {
        public Block {
            rows = List.copyOf(rows);
        }

        /** Rows for the architectures, in that order, over {@code runs} (architectures without runs are left out). */
        public static Block of(String name, List<RunResult> runs, List<Architecture> architectures) {
            var rows = new ArrayList<Row>();
            for (Architecture a : architectures) {
                List<RunResult> mine = runs.stream().filter(r -> r.key().architecture() == a).toList();
                if (!mine.isEmpty()) {
                    rows.add(Row.of(a, mine));
                }
            }
            return new Block(name, rows);
        }

        public Row row(Architecture architecture) {
            return rows.stream().filter(r -> r.architecture() == architecture).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("block '" + name + "' has no row for "
                            + architecture.configName()));
        }
    }

    /** One architecture's cells. */
    public record Row(Architecture architecture, int runs, Map<MetricColumn, MeanSe> cells) {
        public Row {
            cells = Map.copyOf(cells);
        }

        static Row of(Architecture architecture, List<RunResult> runs) {
            var cells = new EnumMap<MetricColumn, MeanSe>(MetricColumn.class);
            for (MetricColumn c : MetricColumn.values()) {
                cells.put(c, MeanSe.of(runs.stream().mapToDouble(c::value).toArray()));
            }
            return new Row(architecture, runs.size(), cells);
        }

        public MeanSe cell(MetricColumn column) {
            return cells.get(column);
        }
    }

    public Block block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no block '" + name + "'"));
    }
}
