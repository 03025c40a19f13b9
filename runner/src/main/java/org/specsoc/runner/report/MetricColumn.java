package org.specsoc.runner.report;

import java.util.function.ToDoubleFunction;
import org.specsoc.runner.experiment.Metrics;
import org.specsoc.runner.experiment.RunResult;

/**
 * The eight columns of the paper's tables, in its order: training then validation, each RMSE (%), R², bias
 * (%) and MRMSE (%). Percentages are the logged fractions times 100.
 */
public enum MetricColumn {
    TRAIN_RMSE("train_RMSE_pct", "RMSE (%)", true, Metrics::rmse, 100),
    TRAIN_R2("train_R2", "R²", true, Metrics::r2, 1),
    TRAIN_BIAS("train_bias_pct", "Bias (%)", true, Metrics::bias, 100),
    TRAIN_MRMSE("train_MRMSE_pct", "MRMSE (%)", true, Metrics::mrmse, 100),
    VAL_RMSE("val_RMSE_pct", "RMSE (%)", false, Metrics::rmse, 100),
    VAL_R2("val_R2", "R²", false, Metrics::r2, 1),
    VAL_BIAS("val_bias_pct", "Bias (%)", false, Metrics::bias, 100),
    VAL_MRMSE("val_MRMSE_pct", "MRMSE (%)", false, Metrics::mrmse, 100);

    private final String id;
    private final String heading;
    private final boolean training;
    private final ToDoubleFunction<Metrics> metric;
    private final double scale;

    MetricColumn(String id, String heading, boolean training, ToDoubleFunction<Metrics> metric, double scale) {
        this.id = id;
        this.heading = heading;
        this.training = training;
        this.metric = metric;
        this.scale = scale;
    }

    /** Column name in summary.json and in the authors' paper_tables.csv. */
    public String id() {
        return id;
    }

    public String heading() {
        return heading;
    }

    public boolean training() {
        return training;
    }

    /** The value of one run, in the table's unit. */
    public double value(RunResult run) {
        return metric.applyAsDouble(training ? run.training() : run.validation()) * scale;
    }
}
