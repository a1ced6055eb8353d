package io.synthforge.eval.report;

import io.synthforge.api.SynthforgeException;
import io.synthforge.eval.EvaluationReport;
import io.synthforge.eval.privacy.PrivacyResult;
import io.synthforge.eval.quality.ColumnShape;
import io.synthforge.eval.quality.Distribution;
import io.synthforge.eval.quality.LabelRate;
import io.synthforge.eval.quality.PairTrend;
import io.synthforge.eval.quality.RelationSupport;
import io.synthforge.eval.quality.ValidityResult;
import io.synthforge.eval.utility.ModelComparison;
import io.synthforge.eval.utility.ModelScores;
import io.synthforge.eval.utility.UtilityResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an evaluation as a self-contained directory: {@code report.html} plus {@code images/*.png} (XChart, rendered
 * headless). Headline scores with verdicts come first, then per-column distributions, correlation heatmaps, utility,
 * privacy, validity, label rates and an optional training curve.
 */
public final class HtmlReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(HtmlReportWriter.class);
  private static final Color REAL = new Color(0x1F, 0x4E, 0x79);
  private static final Color SYNTHETIC = new Color(0x2E, 0xB8, 0x9A);

  static {
    // Charts render off-screen; a driver on a server has no display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private HtmlReportWriter() {}

  /** Writes {@code report} (and {@code losses}, possibly empty) under {@code directory}; returns report.html. */
  public static Path write(EvaluationReport report, List<LossPoint> losses, Path directory) {
    try {
      Path images = Files.createDirectories(directory.resolve("images"));
      StringBuilder html = new StringBuilder();
      head(html, report);
      headline(html, report);
      shapes(html, report, images);
      correlations(html, report, images);
      utility(html, report);
      privacy(html, report, images);
      validity(html, report);
      relations(html, report);
      labelRates(html, report);
      losses(html, losses, images);
      provenance(html, report);
      html.append("</body></html>\n");
      Path file = directory.resolve("report.html");
      Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
      LOG.info("Wrote evaluation report of table '{}' to {}", report.table(), file);
      return file;
    } catch (IOException e) {
      throw new SynthforgeException("Cannot write evaluation report to " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void head(StringBuilder html, EvaluationReport report) {
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation of ")
        .append(escape(report.table()))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1300px;color:#222}")
        .append("h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:2em}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 10px;")
        .append("text-align:right}th{background:#f3f5f7}td:first-child,th:first-child{text-align:left}")
        .append(".score{font-size:1.6em;font-weight:600}.good{color:#1b7f3b}.fair{color:#b7791f}.bad{color:#c0392b}")
        .append(".grid{display:flex;flex-wrap:wrap;gap:12px}.grid figure{margin:0}.note{color:#666}")
        .append("</style></head><body>\n<h1>Synthetic data evaluation: ")
        .append(escape(report.table()))
        .append("</h1><p class=\"note\">")
        .append(report.realRows())
        .append(" real training rows, ")
        .append(report.syntheticRows())
        .append(" synthetic rows, ")
        .append(report.holdoutRows().isPresent() ? report.holdoutRows().getAsLong() + " holdout rows" : "no holdout")
        .append(".</p>\n");
    for (String note : report.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
  }

  private static void headline(StringBuilder html, EvaluationReport report) {
    html.append("<h2>Headline</h2><table><tr><th>measure</th><th>value</th><th>reading</th></tr>\n");
    double quality = report.quality().score();
    headlineRow(html, "quality", quality, Verdicts.quality(quality), quality >= 0.9, quality >= 0.8);
    headlineRow(html, "column shapes", report.quality().columnShapes(),
        Verdicts.quality(report.quality().columnShapes()), report.quality().columnShapes() >= 0.9,
        report.quality().columnShapes() >= 0.8);
    headlineRow(html, "column pair trends", report.quality().columnPairTrends(),
        Verdicts.quality(report.quality().columnPairTrends()), report.quality().columnPairTrends() >= 0.9,
        report.quality().columnPairTrends() >= 0.8);
    double valid = report.validity().validRowShare();
    headlineRow(html, "valid rows", valid, Verdicts.validity(valid), valid >= 0.98, valid >= 0.9);
    if (report.utility().isPresent()) {
      for (ModelComparison model : report.utility().get().models()) {
        double ratio = model.ratio().rocAuc();
        headlineRow(html, model.model() + " ROC AUC synthetic/real", ratio, Verdicts.utility(ratio), ratio >= 0.95,
            ratio >= 0.85);
      }
    }
    if (report.relationSupportMin().isPresent()) {
      double held = report.relationSupportMin().getAsDouble();
      headlineRow(html, "exact relations kept (weakest)", held, held >= 0.99
              ? "every relation that holds on all real rows holds on at least 99% of synthetic rows"
              : "a relation that holds on every real row is broken by more than 1% of synthetic rows",
          held >= 0.99, held >= 0.95);
    }
    PrivacyResult privacy = report.privacy();
    boolean safe = privacy.piiMatchTotal() == 0 && privacy.exactCopyRate() <= 0.001;
    double closer = privacy.closerThanHoldoutP5();
    headlineRow(html, "closer than holdout p5", closer, Verdicts.privacy(privacy),
        safe && (Double.isNaN(closer) || closer <= 0.06), safe && (Double.isNaN(closer) || closer <= 0.15));
    html.append("</table>\n");
  }

  private static void headlineRow(
      StringBuilder html, String name, double value, String verdict, boolean good, boolean fair) {
    String css = Double.isNaN(value) ? "" : good ? "good" : fair ? "fair" : "bad";
    html.append("<tr><td>")
        .append(escape(name))
        .append("</td><td class=\"score ")
        .append(css)
        .append("\">")
        .append(number(value))
        .append("</td><td>")
        .append(escape(name + " " + number(value) + " — " + verdict))
        .append("</td></tr>\n");
  }

  private static void shapes(StringBuilder html, EvaluationReport report, Path images) throws IOException {
    html.append("<h2>Column shapes</h2><p class=\"note\">Numeric columns: 1 − Kolmogorov–Smirnov statistic, shown "
        + "over bins between real quantiles. Categorical columns: 1 − total variation distance, top categories.</p>"
        + "<div class=\"grid\">\n");
    int index = 0;
    for (ColumnShape shape : report.quality().shapes()) {
      String file = "shape_" + index++ + ".png";
      Distribution distribution = shape.distribution();
      CategoryChart chart =
          new CategoryChartBuilder()
              .width(620)
              .height(340)
              .title(shape.column() + " — " + shape.metric() + " " + number(shape.score()))
              .yAxisTitle("share of rows")
              .build();
      chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
      chart.getStyler().setSeriesColors(new Color[] {REAL, SYNTHETIC});
      chart.getStyler().setXAxisLabelRotation(distribution.labels().size() > 6 ? 45 : 0);
      chart.getStyler().setOverlapped(false);
      chart.getStyler().setChartBackgroundColor(Color.WHITE);
      if (distribution.labels().isEmpty()) {
        continue;
      }
      chart.addSeries("real", shortLabels(distribution.labels()), distribution.real());
      chart.addSeries("synthetic", shortLabels(distribution.labels()), distribution.synthetic());
      save(chart, images.resolve(file));
      html.append("<figure><img src=\"images/").append(file).append("\" alt=\"").append(escape(shape.column()))
          .append("\"></figure>\n");
    }
    html.append("</div>\n");
  }

  private static List<String> shortLabels(List<String> labels) {
    List<String> shortened = new ArrayList<>();
    for (String label : labels) {
      String text = label.length() > 24 ? label.substring(0, 23) + "…" : label;
      // XChart keys categories by label; keep them unique after shortening.
      while (shortened.contains(text)) {
        text = text + " ";
      }
      shortened.add(text);
    }
    return shortened;
  }

  private static void correlations(StringBuilder html, EvaluationReport report, Path images) throws IOException {
    List<PairTrend> pairs = new ArrayList<>();
    for (PairTrend pair : report.quality().pairs()) {
      if (pair.metric().equals(PairTrend.CORRELATION)) {
        pairs.add(pair);
      }
    }
    html.append("<h2>Column pair trends</h2><p class=\"note\">Score ")
        .append(number(report.quality().columnPairTrends()))
        .append(": Pearson correlation similarity for numeric pairs, contingency similarity otherwise.</p>\n");
    if (!pairs.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (PairTrend pair : pairs) {
        if (!names.contains(pair.column1())) {
          names.add(pair.column1());
        }
        if (!names.contains(pair.column2())) {
          names.add(pair.column2());
        }
      }
      html.append("<div class=\"grid\">");
      for (String side : List.of("real", "synthetic")) {
        double[][] matrix = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
          matrix[i][i] = 1;
        }
        for (PairTrend pair : pairs) {
          int a = names.indexOf(pair.column1());
          int b = names.indexOf(pair.column2());
          double rho = side.equals("real") ? pair.realCorrelation() : pair.syntheticCorrelation();
          matrix[a][b] = rho;
          matrix[b][a] = rho;
        }
        HeatMapChart chart =
            new HeatMapChartBuilder().width(560).height(520).title("Pearson correlation — " + side).build();
        chart.getStyler().setMin(-1).setMax(1).setShowValue(names.size() <= 12);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setRangeColors(new Color[] {new Color(0x2166AC), Color.WHITE, new Color(0xB2182B)});
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          for (int j = 0; j < names.size(); j++) {
            if (!Double.isNaN(matrix[i][j])) {
              cells.add(new Number[] {i, j, matrix[i][j]});
            }
          }
        }
        chart.addSeries(side, names, names, cells);
        String file = "correlation_" + side + ".png";
        save(chart, images.resolve(file));
        html.append("<figure><img src=\"images/").append(file).append("\" alt=\"correlations ").append(side)
            .append("\"></figure>");
      }
      html.append("</div>\n");
    }
    html.append("<details><summary>All pairs</summary><table><tr><th>column 1</th><th>column 2</th><th>metric</th>"
        + "<th>score</th><th>ρ real</th><th>ρ synthetic</th></tr>\n");
    for (PairTrend pair : report.quality().pairs()) {
      html.append("<tr><td>").append(escape(pair.column1())).append("</td><td>").append(escape(pair.column2()))
          .append("</td><td>").append(pair.metric()).append("</td><td>").append(number(pair.score()))
          .append("</td><td>").append(number(pair.realCorrelation())).append("</td><td>")
          .append(number(pair.syntheticCorrelation())).append("</td></tr>\n");
    }
    html.append("</table></details>\n");
  }

  private static void utility(StringBuilder html, EvaluationReport report) {
    html.append("<h2>Machine-learning utility</h2>\n");
    if (report.utility().isEmpty()) {
      html.append("<p class=\"note\">Not computed (needs a target column and a real holdout).</p>\n");
      return;
    }
    UtilityResult utility = report.utility().get();
    html.append("<p class=\"note\">Predicting <b>").append(escape(utility.target())).append(" = ")
        .append(escape(utility.positiveValue())).append("</b> on ").append(utility.holdoutRows())
        .append(" real holdout rows (positive rate ").append(number(utility.holdoutPositiveRate()))
        .append("). Trained on synthetic (TSTR) vs on real training data (TRTR).</p>")
        .append("<table><tr><th>model</th><th>trained on</th><th>ROC AUC</th><th>PR AUC</th><th>F1 @0.5</th>"
            + "<th>accuracy @0.5</th></tr>\n");
    for (ModelComparison model : utility.models()) {
      scoreRow(html, model.model(), "synthetic", model.synthetic());
      scoreRow(html, model.model(), "real", model.real());
      scoreRow(html, model.model(), "synthetic / real", model.ratio());
    }
    html.append("</table>\n");
    long positives = Math.round(utility.holdoutPositiveRate() * utility.holdoutRows());
    for (ModelComparison model : utility.models()) {
      if (model.prAucRatioInterval().replicates() > 0) {
        html.append("<p class=\"note\">").append(model.model()).append(" PR AUC ratio ")
            .append(number(model.ratio().prAuc())).append(": 95 % bootstrap interval ")
            .append(number(model.prAucRatioInterval().low())).append(" to ")
            .append(number(model.prAucRatioInterval().high())).append(" over ")
            .append(model.prAucRatioInterval().replicates()).append(" resamples of the holdout (")
            .append(positives).append(" positive rows).</p>\n");
      }
    }
    for (String note : utility.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
  }

  private static void scoreRow(StringBuilder html, String model, String trainedOn, ModelScores scores) {
    html.append("<tr><td>").append(model).append("</td><td>").append(trainedOn).append("</td><td>")
        .append(number(scores.rocAuc())).append("</td><td>").append(number(scores.prAuc())).append("</td><td>")
        .append(number(scores.f1())).append("</td><td>").append(number(scores.accuracy())).append("</td></tr>\n");
  }

  private static void privacy(StringBuilder html, EvaluationReport report, Path images) throws IOException {
    PrivacyResult privacy = report.privacy();
    html.append("<h2>Privacy</h2><p><b>").append(escape(Verdicts.privacy(privacy))).append("</b></p>")
        .append("<p class=\"note\">Distance to closest record: ").append(escape(PrivacyResult.DISTANCE))
        .append(", against ").append(privacy.referenceRows()).append(" training rows; ")
        .append(privacy.syntheticSampled()).append(" synthetic and ").append(privacy.holdoutSampled())
        .append(" holdout rows measured.</p><table><tr><th>figure</th><th>value</th></tr>\n");
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("synthetic DCR 5th percentile", privacy.syntheticDcrP5());
    figures.put("synthetic DCR median", privacy.syntheticDcrP50());
    figures.put("holdout DCR 5th percentile", privacy.holdoutDcrP5());
    figures.put("holdout DCR median", privacy.holdoutDcrP50());
    figures.put("synthetic rows closer than holdout p5", privacy.closerThanHoldoutP5());
    figures.put("exact copies of training rows", (double) privacy.exactCopies());
    figures.put("exact copy rate", privacy.exactCopyRate());
    figures.put("identifier values reused from training", (double) privacy.piiMatchTotal());
    for (Map.Entry<String, Double> figure : figures.entrySet()) {
      html.append("<tr><td>").append(escape(figure.getKey())).append("</td><td>").append(number(figure.getValue()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    CategoryChart chart =
        new CategoryChartBuilder().width(520).height(300).title("Distance to closest training row").build();
    chart.getStyler().setSeriesColors(new Color[] {SYNTHETIC, REAL});
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.addSeries("synthetic", List.of("5th percentile", "median"),
        List.of(zeroIfNaN(privacy.syntheticDcrP5()), zeroIfNaN(privacy.syntheticDcrP50())));
    chart.addSeries("holdout (new real rows)", List.of("5th percentile", "median"),
        List.of(zeroIfNaN(privacy.holdoutDcrP5()), zeroIfNaN(privacy.holdoutDcrP50())));
    save(chart, images.resolve("dcr.png"));
    html.append("<figure><img src=\"images/dcr.png\" alt=\"distance to closest record\"></figure>\n");
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  private static void validity(StringBuilder html, EvaluationReport report) {
    ValidityResult validity = report.validity();
    html.append("<h2>Validity</h2><p><b>").append(number(validity.validRowShare())).append("</b> of ")
        .append(validity.syntheticRows()).append(" synthetic rows are valid — ")
        .append(escape(Verdicts.validity(validity.validRowShare())))
        .append(". Rows breaking the declared schema: ").append(validity.schemaViolatingRows()).append(".</p>");
    html.append("<table><tr><th>column</th><th>outside real categories / range</th><th>schema violations</th></tr>\n");
    for (Map.Entry<String, Long> entry : validity.invalidByColumn().entrySet()) {
      html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td>").append(entry.getValue())
          .append("</td><td>").append(validity.schemaViolationsByColumn().getOrDefault(entry.getKey(), 0L))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    for (String mismatch : validity.schemaMismatches()) {
      html.append("<p class=\"bad\">").append(escape(mismatch)).append("</p>\n");
    }
  }

  private static void relations(StringBuilder html, EvaluationReport report) {
    if (report.relations().isEmpty()) {
      return;
    }
    html.append("<h2>Relations</h2><p class=\"note\">Declared constraints and relations discovered in the real data: "
        + "the share of the rows each applies to that satisfy it, in the real and in the synthetic table.</p>"
        + "<table><tr><th>relation</th><th>origin</th><th>enforced</th><th>real support</th><th>real rows</th>"
        + "<th>synthetic support</th><th>synthetic rows</th></tr>\n");
    for (RelationSupport relation : report.relations()) {
      boolean exact = relation.realRows() > 0 && relation.realSupport() >= 1.0;
      String css = relation.syntheticSupport() >= Math.min(0.99, relation.realSupport()) ? "good"
          : exact ? "bad" : "fair";
      html.append("<tr><td>").append(escape(relation.relation())).append("</td><td>").append(relation.origin())
          .append("</td><td>").append(relation.enforced() ? "yes" : "no").append("</td><td>")
          .append(number(relation.realSupport())).append("</td><td>").append(relation.realRows())
          .append("</td><td class=\"").append(css).append("\">").append(number(relation.syntheticSupport()))
          .append("</td><td>").append(relation.syntheticRows()).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void labelRates(StringBuilder html, EvaluationReport report) {
    if (report.labelRates().isEmpty()) {
      return;
    }
    html.append("<h2>Label rates</h2><table><tr><th>label</th><th>value</th><th>real rate</th>"
        + "<th>synthetic rate</th><th>synthetic 95% interval (Wilson)</th><th>real rate inside</th></tr>\n");
    for (LabelRate rate : report.labelRates()) {
      html.append("<tr><td>").append(escape(rate.column())).append("</td><td>").append(escape(rate.value()))
          .append("</td><td>").append(number(rate.realRate())).append("</td><td>")
          .append(number(rate.syntheticRate())).append("</td><td>[").append(number(rate.syntheticLow()))
          .append(", ").append(number(rate.syntheticHigh())).append("]</td><td>")
          .append(rate.realRateInInterval() ? "yes" : "<span class=\"bad\">no</span>").append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void losses(StringBuilder html, List<LossPoint> losses, Path images) throws IOException {
    if (losses == null || losses.isEmpty()) {
      return;
    }
    Map<String, List<LossPoint>> byName = new LinkedHashMap<>();
    for (LossPoint point : losses) {
      byName.computeIfAbsent(point.name(), name -> new ArrayList<>()).add(point);
    }
    XYChart chart =
        new XYChartBuilder().width(900).height(380).title("Training losses").xAxisTitle("round").yAxisTitle("loss")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(0);
    for (Map.Entry<String, List<LossPoint>> series : byName.entrySet()) {
      List<Integer> rounds = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      series.getValue().stream().sorted((a, b) -> Integer.compare(a.round(), b.round())).forEach(point -> {
        rounds.add(point.round());
        values.add(point.value());
      });
      chart.addSeries(series.getKey(), rounds, values);
    }
    save(chart, images.resolve("losses.png"));
    html.append("<h2>Training</h2><figure><img src=\"images/losses.png\" alt=\"training losses\"></figure>\n");
  }

  private static void provenance(StringBuilder html, EvaluationReport report) {
    html.append("<h2>Provenance</h2><table><tr><th>item</th><th>value</th></tr>\n");
    report.options().forEach((key, value) -> provenanceRow(html, "option " + key, value));
    report.versions().forEach((key, value) -> provenanceRow(html, "version " + key, value));
    report.timingsMs().forEach((key, value) -> provenanceRow(html, "time " + key, value + " ms"));
    html.append("</table>\n");
  }

  private static void provenanceRow(StringBuilder html, String key, String value) {
    html.append("<tr><td>").append(escape(key)).append("</td><td>").append(escape(value)).append("</td></tr>\n");
  }

  private static void save(Chart<?, ?> chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    if (value == Math.rint(value) && Math.abs(value) >= 1) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
