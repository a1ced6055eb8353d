package io.synthforge.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synthforge.model.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

class StateAveragerTest {
  private static WorkerResult result(int worker, float[] parameters, float[] updater, long examples, double loss) {
    return new WorkerResult(worker, ModelState.of(parameters, updater, 7), examples, Map.of("loss", loss), 10);
  }

  @Test
  void averagesParametersAndUpdaterStateWeightedByExamples() {
    StateAverager sum = new StateAverager(100)
        .add(result(0, new float[] {1f, 2f}, new float[] {10f}, 100, 1.0))
        .add(result(1, new float[] {4f, -1f}, new float[] {40f}, 200, 4.0));
    ModelState mean = sum.average();
    // (1*1 + 4*2)/3 = 3, (2*1 - 1*2)/3 = 0, (10 + 80)/3 = 30
    assertArrayEquals(new float[] {3f, 0f}, mean.parameters());
    assertArrayEquals(new float[] {30f}, mean.updaterState());
    assertEquals(7, mean.steps());
    assertEquals(3.0, sum.meanLosses().get("loss"), 1e-12);
    assertEquals(300, sum.examples());
  }

  @Test
  void returnsASingleWorkersStateBitForBit() {
    SplittableRandom random = new SplittableRandom(3);
    float[] parameters = new float[1000];
    float[] updater = new float[2000];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
    }
    for (int i = 0; i < updater.length; i++) {
      updater[i] = (float) random.nextDouble();
    }
    ModelState mean = new StateAverager(500).add(result(0, parameters, updater, 2500, 0)).average();
    assertArrayEquals(parameters, mean.parameters());
    assertArrayEquals(updater, mean.updaterState());
  }

  @Test
  void combiningInATreeGivesTheFlatMean() {
    WorkerResult[] results = sixWorkers();
    StateAverager flat = new StateAverager(500);
    for (WorkerResult result : results) {
      flat.add(result);
    }
    StateAverager left = new StateAverager(500).add(results[4]).add(results[0]).add(results[2]);
    StateAverager right = new StateAverager(500).add(results[5]).add(results[3]).add(results[1]);
    StateAverager tree = new StateAverager(500).merge(right).merge(left);
    assertSameMean(flat, tree);
  }

  @Test
  void partialSumsShippedByJavaOrKryoCombineToTheFlatMean() {
    // Spark ships each partition's partial sum to the driver with spark.serializer (Java by default, Kryo in
    // every cluster-config); a sum of one worker travels as floats, a larger one as doubles.
    WorkerResult[] results = sixWorkers();
    StateAverager flat = new StateAverager(500);
    for (WorkerResult result : results) {
      flat.add(result);
    }
    for (UnaryOperator<StateAverager> ship : List.<UnaryOperator<StateAverager>>of(
        StateAveragerTest::throughJava, StateAveragerTest::throughKryo)) {
      StateAverager tree = ship.apply(new StateAverager(500))
          .merge(ship.apply(new StateAverager(500).add(results[0])))
          .merge(ship.apply(new StateAverager(500).add(results[1]).add(results[2])))
          .merge(ship.apply(new StateAverager(500)))
          .merge(ship.apply(new StateAverager(500).add(results[3])).merge(
              ship.apply(new StateAverager(500).add(results[4]).add(results[5]))));
      assertSameMean(flat, tree);
      assertEquals(flat.examples(), tree.examples());
    }
    ModelState alone = throughJava(new StateAverager(500).add(results[0])).average();
    assertArrayEquals(results[0].state().parameters(), alone.parameters());
    assertArrayEquals(results[0].state().updaterState(), alone.updaterState());
  }

  private static void assertSameMean(StateAverager expected, StateAverager actual) {
    assertArrayEquals(expected.average().parameters(), actual.average().parameters());
    assertArrayEquals(expected.average().updaterState(), actual.average().updaterState());
    assertEquals(expected.meanLosses().get("loss"), actual.meanLosses().get("loss"), 1e-12);
  }

  private static StateAverager throughJava(StateAverager value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (StateAverager) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static StateAverager throughKryo(StateAverager value) {
    SerializerInstance kryo = new KryoSerializer(new SparkConf(false)).newInstance();
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  private static WorkerResult[] sixWorkers() {
    SplittableRandom random = new SplittableRandom(5);
    WorkerResult[] results = new WorkerResult[6];
    for (int w = 0; w < results.length; w++) {
      float[] parameters = new float[300];
      float[] updater = new float[600];
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = (float) (1 + 0.01 * random.nextGaussian());
      }
      for (int i = 0; i < updater.length; i++) {
        updater[i] = (float) (1e-3 * random.nextDouble());
      }
      results[w] = result(w, parameters, updater, 500L * (1 + w % 2), w);
    }
    return results;
  }
}
