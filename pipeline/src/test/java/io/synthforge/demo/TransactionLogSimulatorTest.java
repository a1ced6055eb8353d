package io.synthforge.demo;

import io.synthforge.provenance.KeyedPermutation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TransactionLogSimulatorTest {
  private static final Pattern MONEY = Pattern.compile("\\d+\\.\\d\\d");
  private static final Pattern TIMESTAMP = Pattern.compile("2026-03-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

  private static List<Transaction> rows(Iterator<Transaction> iterator) {
    List<Transaction> rows = new ArrayList<>();
    iterator.forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void sameSeedGivesIdenticalRowsAndOtherSeedsDiffer() {
    List<Transaction> first = rows(TransactionLogSimulator.of(11L).shard(3, 5_000));
    List<Transaction> again = rows(TransactionLogSimulator.of(11L).shard(3, 5_000));
    List<Transaction> otherSeed = rows(TransactionLogSimulator.of(12L).shard(3, 5_000));
    List<Transaction> otherShard = rows(TransactionLogSimulator.of(11L).shard(4, 5_000));
    assertEquals(first, again);
    assertNotEquals(first, otherSeed);
    assertNotEquals(first, otherShard);
    assertEquals(first.get(0).toString(), again.get(0).toString());
  }

  @Test
  void shardHasExactlyTheRowsAskedForInTimeOrder() {
    TransactionLogSimulator simulator = TransactionLogSimulator.of(5L);
    for (long rows : new long[] {0, 1, 7, 45, 1_001}) {
      List<Transaction> shard = rows(simulator.shard(0, rows));
      assertEquals(rows, shard.size());
      for (int i = 1; i < shard.size(); i++) {
        assertTrue(shard.get(i - 1).epochSecond() <= shard.get(i).epochSecond());
      }
    }
  }

  @Test
  void logLayoutCoversEveryRowOnce() {
    long rows = 120_001;
    int shards = TransactionLogSimulator.shardCount(rows);
    assertEquals(3, shards);
    long total = 0;
    for (int i = 0; i < shards; i++) {
      total += TransactionLogSimulator.rowsInShard(rows, i);
    }
    assertEquals(rows, total);
    List<Transaction> log = rows(TransactionLogSimulator.of(9L).log(rows));
    assertEquals(rows, log.size());
    assertEquals(rows(TransactionLogSimulator.of(9L).shard(2, TransactionLogSimulator.rowsInShard(rows, 2))),
        log.subList(log.size() - (int) TransactionLogSimulator.rowsInShard(rows, 2), log.size()));
  }

  @Test
  void balancesAreExactInCentsAndNeverNegative() {
    Iterator<Transaction> log = TransactionLogSimulator.of(3L).log(100_000);
    while (log.hasNext()) {
      Transaction t = log.next();
      assertTrue(t.amountCents() >= 1, t::toString);
      assertTrue(t.newBalanceOrigCents() >= 0 && t.oldBalanceOrgCents() >= 0, t::toString);
      assertTrue(t.oldBalanceDestCents() >= 0 && t.newBalanceDestCents() >= 0, t::toString);
      long sign = t.type().isDebit() ? -1 : 1;
      assertEquals(t.oldBalanceOrgCents() + sign * t.amountCents(), t.newBalanceOrigCents(), t::toString);
      switch (t.type()) {
        case TRANSFER:
        case CASH_OUT:
          assertEquals(t.oldBalanceDestCents() + t.amountCents(), t.newBalanceDestCents(), t::toString);
          break;
        case CASH_IN:
          assertEquals(t.oldBalanceDestCents() - t.amountCents(), t.newBalanceDestCents(), t::toString);
          break;
        default:
          assertEquals(0L, t.oldBalanceDestCents(), t::toString);
          assertEquals(0L, t.newBalanceDestCents(), t::toString);
          break;
      }
    }
  }

  @Test
  void csvTextKeepsTheBalanceRelationWhenReadBackAsDoubles() {
    Iterator<Transaction> log = TransactionLogSimulator.of(4L).log(20_000);
    while (log.hasNext()) {
      Transaction t = log.next();
      String[] fields = t.toCsvFields();
      assertEquals(Transaction.header().size(), fields.length);
      for (int i = 7; i <= 11; i++) {
        assertTrue(MONEY.matcher(fields[i]).matches(), fields[i]);
      }
      assertTrue(TIMESTAMP.matcher(fields[2]).matches(), fields[2]);
      assertEquals(t.timestamp().toString(), fields[2]);
      long amount = Math.round(Double.parseDouble(fields[7]) * 100);
      long before = Math.round(Double.parseDouble(fields[8]) * 100);
      long after = Math.round(Double.parseDouble(fields[9]) * 100);
      assertEquals(t.amountCents(), amount);
      assertEquals(before + (t.type().isDebit() ? -amount : amount), after, t::toString);
      assertEquals(Double.parseDouble(fields[8]), t.oldBalanceOrgCents() / 100.0);
    }
  }

  @Test
  void fraudIsRareAndIsAnAccountTakeoverByTransferOrCashOut() {
    long rows = 200_000;
    long fraud = 0;
    long nightFraud = 0;
    long night = 0;
    Iterator<Transaction> log = TransactionLogSimulator.of(2026L).log(rows);
    while (log.hasNext()) {
      Transaction t = log.next();
      int hour = t.timestamp().atZone(java.time.ZoneOffset.UTC).getHour();
      boolean isNight = hour < 6;
      night += isNight ? 1 : 0;
      if (t.fraud()) {
        fraud++;
        nightFraud += isNight ? 1 : 0;
        assertTrue(t.type() == TransactionType.TRANSFER || t.type() == TransactionType.CASH_OUT, t::toString);
        assertEquals(t.oldBalanceOrgCents(), t.amountCents(), t::toString);
        assertEquals(0L, t.newBalanceOrigCents(), t::toString);
      }
    }
    double rate = (double) fraud / rows;
    assertTrue(rate > 0.001 && rate <= TransactionLogSimulator.MAX_FRAUD_RATE, "fraud rate " + rate);
    assertTrue((double) nightFraud / fraud > 3.0 * night / rows, "fraud should favour the night");
  }

  @Test
  void fraudNeverExceedsTheCapEvenInTinyShards() {
    TransactionLogSimulator simulator = TransactionLogSimulator.of(1L);
    for (int shard = 0; shard < 50; shard++) {
      long fraud = rows(simulator.shard(shard, 150)).stream().filter(Transaction::fraud).count();
      assertTrue(fraud == 0, "a 150-row shard may hold no fraud at a 0.5% cap");
    }
  }

  @Test
  void idsAreUniqueAcrossShardsAndWellFormed() {
    TransactionLogSimulator simulator = TransactionLogSimulator.of(77L);
    Set<String> transactionIds = new HashSet<>();
    Set<String> customers = new HashSet<>();
    int rows = 0;
    for (int shard = 0; shard < 20; shard++) {
      Set<String> shardCustomers = new HashSet<>();
      Iterator<Transaction> iterator = simulator.shard(shard * 997, 5_000);
      while (iterator.hasNext()) {
        Transaction t = iterator.next();
        rows++;
        assertTrue(transactionIds.add(t.transactionId()), t::transactionId);
        assertTrue(t.transactionId().matches("T\\d{12}"), t::transactionId);
        assertTrue(t.customerId().matches("C\\d{9}"), t::customerId);
        assertTrue(t.merchantId().matches("M\\d{7}"), t::merchantId);
        shardCustomers.add(t.customerId());
      }
      for (String customer : shardCustomers) {
        assertTrue(customers.add(customer), "customer " + customer + " appears in two shards");
      }
    }
    assertEquals(rows, transactionIds.size());
  }

  @Test
  void merchantsAreSharedAcrossShardsOfOneSeed() {
    TransactionLogSimulator simulator = TransactionLogSimulator.of(8L);
    Set<String> first = new HashSet<>();
    simulator.shard(0, 20_000).forEachRemaining(t -> first.add(t.merchantId()));
    Set<String> second = new HashSet<>();
    simulator.shard(1, 20_000).forEachRemaining(t -> second.add(t.merchantId()));
    assertTrue(first.size() <= MerchantDirectory.SIZE);
    second.retainAll(first);
    assertTrue(second.size() > 100, "shards should draw from one merchant population");
  }

  @Test
  void idPermutationIsABijection() {
    KeyedPermutation permutation = new KeyedPermutation(10, 300, 123L);
    Set<Long> images = new HashSet<>();
    for (long i = 0; i < permutation.size(); i++) {
      long image = permutation.apply(i);
      assertTrue(image >= 0 && image < permutation.size());
      images.add(image);
    }
    assertEquals(permutation.size(), images.size());
  }

  @Test
  void rejectsShardsOutsideTheLayout() {
    TransactionLogSimulator simulator = TransactionLogSimulator.of(1L);
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> simulator.shard(-1, 10));
    assertEquals("Cannot simulate shard -1: the index must be in [0, 100000)", negative.getMessage());
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> simulator.shard(0, -5));
    assertEquals("Cannot simulate shard 0: rows must be in [0, 10000000], got -5", tooBig.getMessage());
  }
}
