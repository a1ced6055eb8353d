package io.synthforge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField("type", DataTypes.StringType, true),
      DataTypes.createStructField("n", DataTypes.LongType, true),
      DataTypes.createStructField("share", DataTypes.DoubleType, true)});

  @Test
  void alignsColumnsAndCountsRows() {
    List<Row> rows = List.of(RowFactory.create("TRANSFER", 1200L, 0.125), RowFactory.create("CASH_IN", 7L, null));
    assertEquals("type     |    n | share\n"
        + "---------+------+------\n"
        + "TRANSFER | 1200 | 0.125\n"
        + "CASH_IN  |    7 |  NULL\n"
        + "(2 rows)\n", ResultTable.format(SCHEMA, rows, 100, false));
  }

  @Test
  void saysWhenRowsWereCut() {
    List<Row> rows = List.of(RowFactory.create("A", 1L, 1.0), RowFactory.create("B", 2L, 2.0));
    assertEquals("type | n | share\n"
        + "-----+---+------\n"
        + "A    | 1 |   1.0\n"
        + "(first 1 rows shown; raise --max-rows or write all with --out)\n", ResultTable.format(SCHEMA, rows, 1, true));
  }
}
