import static org.apache.spark.sql.functions.*;

import java.util.*;
import org.apache.spark.ml.*;
import org.apache.spark.ml.classification.*;
import org.apache.spark.ml.feature.*;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.*;

/**
 * Analysis probe for the fraud demo (issue 7), not part of the build: trains the evaluator's kind of GBT (MLlib,
 * depth 5, -Diters rounds, categorical columns one-hot, numbers as they are) on a dataset's real training rows and
 * on each synthetic table given, scores all of them on a holdout and prints each PR AUC, the synthetic / real ratio
 * with a paired bootstrap interval, and (with -Ddetail=true) conditional shares of TRANSFER / CASH_OUT rows, the
 * GBT's feature importances and its top-ranked holdout rows.
 *
 * <p>Arguments: DATASET_DIR SYNTHETIC_DIR... . Options: -Dseeds=N GBT seeds per synthetic table; -Dboot=N bootstrap
 * resamples; -Dholdout2=CSV_DIR -Dexclude=CSV_DIR score on the rows of a longer demo log that the training log does
 * not hold instead of the dataset's holdout; -Dbytype=true PR AUC within TRANSFER and CASH_OUT rows;
 * -Dtoptype=TYPE -Duntilpos=N the negatives a model ranks above its first N positives of that type. The real
 * model's scores are cached in the working directory (one file per dataset and holdout).
 */
public class FraudProbe {
  static final String[] CAT = {"type", "channel", "merchant_id", "merchant_category"};
  static final String[] NUM = {"timestamp", "amount", "oldbalance_org", "newbalance_orig", "oldbalance_dest", "newbalance_dest"};

  public static void main(String[] args) {
    String dataset = args[0];
    int iters = Integer.parseInt(System.getProperty("iters", "20"));
    int seeds = Integer.parseInt(System.getProperty("seeds", "1"));
    boolean detail = Boolean.parseBoolean(System.getProperty("detail", "true"));
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> real = prep(spark.read().parquet(dataset + "/rows")).cache();
    Dataset<Row> hold = prep(spark.read().parquet(dataset + "/holdout")).cache();
    String extra = System.getProperty("holdout2");
    if (extra != null) {
      // Rows of a longer log of the same seed that the training log does not hold: same merchants, new customers.
      Dataset<Row> seen = spark.read().option("header", "true").csv(System.getProperty("exclude")).select("transaction_id");
      Dataset<Row> big = spark.read().option("header", "true").csv(extra);
      big = big.join(seen, big.col("transaction_id").equalTo(seen.col("transaction_id")), "left_anti")
          .withColumn("timestamp", col("timestamp").cast("timestamp"));
      hold = prep(big).cache();
    }
    System.out.printf("real rows %d fraud %d; holdout rows %d fraud %d%n", real.count(), real.filter("label=1").count(),
        hold.count(), hold.filter("label=1").count());
    Map<String, double[][]> scores = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    names.add("real");
    for (int i = 1; i < args.length; i++) names.add(args[i]);
    double[] labels = null;
    for (String name : names) {
      java.io.File cache = new java.io.File(dataset.replace('/', '_') + (extra == null ? "" : "_h2") + ".realscores");
      if (name.equals("real") && cache.exists()) {
        try {
          List<String> lines = java.nio.file.Files.readAllLines(cache.toPath());
          labels = new double[lines.size()];
          double[] sc = new double[lines.size()];
          for (int r = 0; r < lines.size(); r++) { String[] p2 = lines.get(r).split(" "); labels[r] = Double.parseDouble(p2[0]); sc[r] = Double.parseDouble(p2[1]); }
          scores.put(name, new double[][] {sc});
          System.out.printf("real (cached) PR AUC %.4f%n", prAuc(labels, sc, null));
          continue;
        } catch (java.io.IOException e) { throw new RuntimeException(e); }
      }
      Dataset<Row> train = name.equals("real") ? real : prep(spark.read().option("recursiveFileLookup", "true").parquet(name)).cache();
      if (detail && !name.equals("real")) describe(name, train);
      if (detail && name.equals("real")) describe("real", train);
      int nSeeds = name.equals("real") ? 1 : seeds;
      double[][] perSeed = new double[nSeeds][];
      for (int s = 0; s < nSeeds; s++) {
        PipelineModel feats = features().fit(train);
        Dataset<Row> tr = feats.transform(train).select("label", "features").cache();
        GBTClassificationModel gbt = new GBTClassifier().setMaxIter(iters).setMaxDepth(5).setSeed(1000 + s).fit(tr);
        Dataset<Row> pred = gbt.transform(feats.transform(hold));
        List<Row> rows = pred.select(col("label"), col("rawPrediction"), col("type"), col("channel"), col("amount"),
            col("oldbalance_org"), col("newbalance_orig"), col("oldbalance_dest"), col("hour")).collectAsList();
        double[] sc = new double[rows.size()];
        labels = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          labels[r] = rows.get(r).getDouble(0);
          sc[r] = ((Vector) rows.get(r).get(1)).apply(1);
        }
        perSeed[s] = sc;
        System.out.printf("%s seed %d: PR AUC %.4f%n", shortName(name), s, prAuc(labels, sc, null));
        if (Boolean.getBoolean("bytype")) {
          for (String t : new String[] {"TRANSFER", "CASH_OUT"}) {
            List<Integer> sub = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) if (t.equals(rows.get(r).get(2))) sub.add(r);
            int[] idx = sub.stream().mapToInt(Integer::intValue).toArray();
            System.out.printf("   %s only (%d rows): PR AUC %.4f%n", t, idx.length, prAuc(labels, sc, idx));
          }
        }
        String topType = System.getProperty("toptype");
        if (topType != null) {
          List<Integer> sub = new ArrayList<>();
          for (int r = 0; r < rows.size(); r++) if (topType.equals(rows.get(r).get(2))) sub.add(r);
          sub.sort((a, b) -> Double.compare(sc[b], sc[a]));
          int pos = 0, neg = 0;
          java.util.Map<String, Integer> fpKinds = new java.util.TreeMap<>();
          for (int k = 0; k < sub.size() && pos < Integer.getInteger("untilpos", 300); k++) {
            Row r = rows.get(sub.get(k));
            if (r.getDouble(0) == 1) { pos++; continue; }
            neg++;
            String kind = (r.getDouble(6) == 0 ? "empty" : r.getDouble(6) < 20 ? "nb<20" : "nb>=20") + "/" + (r.getDouble(7) == 0 ? "od0" : "od>0") + "/" + r.get(3);
            fpKinds.merge(kind, 1, Integer::sum);
          }
          System.out.printf("   %s: until %d positives, %d negatives ranked above: %s%n", topType, pos, neg, fpKinds);
        }
        if (s == 0 && detail) {
          importances(feats, gbt, tr);
          top(rows, sc, Integer.getInteger("top", 40));
        }
        tr.unpersist();
      }
      scores.put(name, perSeed);
      if (name.equals("real")) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < labels.length; r++) sb.append(labels[r]).append(' ').append(perSeed[0][r]).append('\n');
        try { java.nio.file.Files.writeString(cache.toPath(), sb); } catch (java.io.IOException e) { throw new RuntimeException(e); }
      }
    }
    // paired bootstrap of the ratio, first seed of each
    Random rnd = new Random(7);
    int n = labels.length;
    int b = Integer.getInteger("boot", 2000);
    double[] realB = new double[b];
    for (int k = 0; k < b; k++) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) idx[i] = rnd.nextInt(n);
      double r0 = prAuc(labels, scores.get("real")[0], idx);
      realB[k] = r0;
      for (String name : names) {
        if (name.equals("real")) continue;
        double v = prAuc(labels, scores.get(name)[0], idx);
        boot.computeIfAbsent(name, x -> new double[b])[k] = v / r0;
      }
    }
    Arrays.sort(realB);
    System.out.printf("real PR AUC bootstrap 2.5/50/97.5%%: %.3f %.3f %.3f%n", realB[b / 40], realB[b / 2], realB[b - b / 40]);
    for (Map.Entry<String, double[]> e : boot.entrySet()) {
      double[] v = e.getValue();
      Arrays.sort(v);
      double full = prAuc(labels, scores.get(e.getKey())[0], null) / prAuc(labels, scores.get("real")[0], null);
      System.out.printf("%s ratio %.3f, bootstrap 2.5/50/97.5%%: %.3f %.3f %.3f%n", shortName(e.getKey()), full, v[b / 40], v[b / 2], v[b - b / 40]);
    }
    spark.stop();
  }

  static Map<String, double[]> boot = new LinkedHashMap<>();

  static String shortName(String s) {
    return s.length() > 60 ? "..." + s.substring(s.length() - 57) : s;
  }

  static Dataset<Row> prep(Dataset<Row> d) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("is_fraud").cast("double").as("label"));
    for (String c : CAT) cols.add(col(c).cast("string").as(c));
    for (String c : NUM) cols.add(c.equals("timestamp") ? col(c).cast("long").cast("double").as(c) : col(c).cast("double").as(c));
    cols.add(hour(col("timestamp")).as("hour"));
    return d.select(cols.toArray(new Column[0]));
  }

  static Pipeline features() {
    String[] idx = Arrays.stream(CAT).map(c -> c + "_i").toArray(String[]::new);
    String[] oh = Arrays.stream(CAT).map(c -> c + "_o").toArray(String[]::new);
    List<String> asm = new ArrayList<>(Arrays.asList(oh));
    asm.addAll(Arrays.asList(NUM));
    return new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCols(CAT).setOutputCols(idx).setHandleInvalid("keep"),
        new OneHotEncoder().setInputCols(idx).setOutputCols(oh).setHandleInvalid("keep"),
        new VectorAssembler().setInputCols(asm.toArray(new String[0])).setOutputCol("features")});
  }

  static void importances(PipelineModel feats, GBTClassificationModel gbt, Dataset<Row> tr) {
    Vector imp = gbt.featureImportances();
    org.apache.spark.ml.attribute.AttributeGroup ag = org.apache.spark.ml.attribute.AttributeGroup.fromStructField(tr.schema().apply("features"));
    List<String> fname = new ArrayList<>();
    for (int i = 0; i < ag.size(); i++) {
      String nm = ag.getAttr(i).name().get();
      for (int c = 0; c < CAT.length; c++) if (nm.startsWith(CAT[c] + "_o_")) nm = CAT[c] + "=" + nm.substring(CAT[c].length() + 3);
      fname.add(nm);
    }
    Map<String, Double> group = new TreeMap<>();
    List<double[]> top = new ArrayList<>();
    for (int i = 0; i < imp.size(); i++) {
      String f = i < fname.size() ? fname.get(i) : "?" + i;
      String g = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
      group.merge(g, imp.apply(i), Double::sum);
      if (imp.apply(i) > 0.01) System.out.printf("   importance %-40s %.3f%n", f, imp.apply(i));
    }
    System.out.println("   grouped importances " + group);
  }

  static void top(List<Row> rows, double[] sc, int k) {
    Integer[] order = new Integer[sc.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(sc[b], sc[a]));
    System.out.println("   top rows by score: label type channel amount oldbal newbal olddest hour score");
    int pos = 0;
    for (int i = 0; i < k; i++) {
      Row r = rows.get(order[i]);
      if (r.getDouble(0) == 1) pos++;
      System.out.printf("   %2d %s %-8s %-6s %10.2f %10.2f %10.2f %10.2f %2d %.3f (pos so far %d)%n", i, r.getDouble(0) == 1 ? "F" : ".",
          r.get(2), r.get(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getInt(8), sc[order[i]], pos);
    }
  }

  static void describe(String name, Dataset<Row> d) {
    System.out.println("== " + shortName(name));
    d.createOrReplaceTempView("t");
    SparkSession s = d.sparkSession();
    s.sql("SELECT label, type, count(*) n, round(avg(CASE WHEN newbalance_orig = 0 THEN 1 ELSE 0 END),4) empty,"
        + " round(avg(CASE WHEN oldbalance_dest = 0 THEN 1 ELSE 0 END),3) od0, round(avg(CASE WHEN channel='card' THEN 1 ELSE 0 END),3) card,"
        + " round(avg(CASE WHEN channel='web' THEN 1 ELSE 0 END),3) web, round(avg(CASE WHEN hour < 6 THEN 1 ELSE 0 END),3) night,"
        + " round(percentile_approx(amount, 0.5),1) amt_med, round(percentile_approx(oldbalance_org, 0.5),1) ob_med,"
        + " round(avg(CASE WHEN newbalance_orig < 1 THEN 1 ELSE 0 END),4) nb_lt1, round(avg(CASE WHEN amount >= 100 THEN 1 ELSE 0 END),3) amt100"
        + " FROM t WHERE type IN ('TRANSFER','CASH_OUT') GROUP BY label, type ORDER BY label, type").show(false);
  }

  /** Spark's areaUnderPR: trapezoids over (recall, precision) at each distinct score, starting at (0, first precision). */
  static double prAuc(double[] labels, double[] scores, int[] idx) {
    int n = idx == null ? labels.length : idx.length;
    double[][] pts = new double[n][2];
    for (int i = 0; i < n; i++) {
      int j = idx == null ? i : idx[i];
      pts[i][0] = scores[j];
      pts[i][1] = labels[j];
    }
    Arrays.sort(pts, (a, b) -> Double.compare(b[0], a[0]));
    double totalPos = 0;
    for (double[] p : pts) totalPos += p[1];
    if (totalPos == 0) return Double.NaN;
    double tp = 0, fp = 0, area = 0, prevR = 0, prevP = -1;
    int i = 0;
    while (i < n) {
      double s = pts[i][0];
      while (i < n && pts[i][0] == s) {
        if (pts[i][1] == 1) tp++; else fp++;
        i++;
      }
      double r = tp / totalPos, p = tp + fp == 0 ? 1 : tp / (tp + fp);
      if (prevP < 0) prevP = p;
      area += (r - prevR) * (p + prevP) / 2;
      prevR = r;
      prevP = p;
    }
    return area;
  }
}
