package io.synthforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The query `run` suggests for the published table names the pipeline's own target, whatever the table. */
class RunCommandQueryTest {
  @Test
  void groupsByTheEvaluatedTarget() {
    assertEquals("SELECT income, count(*) AS n FROM synth.adult GROUP BY income ORDER BY n DESC",
        RunCommand.exampleQuery("synth.adult", "income"));
    assertEquals("SELECT `is-fraud`, count(*) AS n FROM t GROUP BY `is-fraud` ORDER BY n DESC",
        RunCommand.exampleQuery("t", "is-fraud"));
  }

  @Test
  void showsAFewRowsWithoutATarget() {
    assertEquals("SELECT * FROM synth.t LIMIT 10", RunCommand.exampleQuery("synth.t", ""));
  }
}
