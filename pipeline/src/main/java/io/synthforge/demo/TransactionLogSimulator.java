package io.synthforge.demo;

import io.synthforge.provenance.KeyedPermutation;
import io.synthforge.provenance.Seeds;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Simulates a card / mobile-money transaction log, deterministically from one root seed. Spark-free.
 *
 * <p>The log is cut into shards of customers; a shard depends only on (root seed, shard index, rows in the
 * shard), so shards can be generated anywhere, in any order, and always come out the same. The merchant
 * population (2,000 merchants, Zipf-like popularity) depends on the root seed alone and is shared by all shards.
 * Within a shard the rows are in time order over 30 days from 2026-03-01T00:00Z, with daily and weekly cycles.
 *
 * <p>Each customer has a spending profile: a spend scale (lognormal), an activity rate, preferred transaction
 * types and channel, a set of home merchants, a home cash agent, a transfer provider and a few payees. A debit
 * never exceeds the balance (the customer tops up with a {@code CASH_IN} instead), so balances never go
 * negative. Fraud (account takeover, about 0.3% of rows and never more than {@link #MAX_FRAUD_RATE} of a shard)
 * is always a {@code TRANSFER} or {@code CASH_OUT} that empties an account holding at least 100.00, is far more
 * likely at night, goes through an unusual agent or provider and, for transfers, usually to a fresh account.
 */
public final class TransactionLogSimulator {
  /** Shards one root seed can have: shard indices are in {@code [0, MAX_SHARDS)}. */
  public static final int MAX_SHARDS = 100_000;
  /** The most rows one shard can hold. */
  public static final long MAX_ROWS_PER_SHARD = 10_000_000L;
  /** The rows per shard of the standard layout used by {@link #log(long)}: {@code ceil(rows / 50,000)} shards. */
  public static final long LAYOUT_ROWS_PER_SHARD = 50_000L;
  /** The largest log {@link #log(long)} lays out. */
  public static final long MAX_ROWS = MAX_SHARDS * LAYOUT_ROWS_PER_SHARD;
  /** The cap on the fraction of fraudulent rows in any shard. */
  public static final double MAX_FRAUD_RATE = 0.005;

  private static final long SHARD_SALT = 0x5348415244535452L;
  private static final long ID_SALT = 0x4944454e54495459L;
  private static final int MAX_CUSTOMERS_PER_SHARD = 10_000;
  private static final double TRANSACTIONS_PER_CUSTOMER = 45.0;

  private static final TransactionType[] TYPES = TransactionType.values();
  /** Population-average type mix, in {@link TransactionType} order; each customer tilts it. */
  private static final double[] TYPE_WEIGHTS = {0.46, 0.09, 0.13, 0.14, 0.18};
  private static final double HOME_MERCHANT_PROBABILITY = 0.78;
  private static final double HOME_SERVICE_PROBABILITY = 0.85;
  private static final double TRANSFER_MEDIAN = 150.0;
  private static final double CASH_OUT_MEDIAN = 110.0;
  private static final double CASH_IN_MEDIAN = 330.0;
  private static final double AGENT_FLOAT_MEDIAN = 5_000.0;
  /** Legitimate customers sometimes empty their own account, so the takeover pattern is not a perfect rule. */
  private static final double LEGIT_EMPTYING_PROBABILITY = 0.004;

  private static final double FRAUD_BASE_PROBABILITY = 0.002;
  private static final long FRAUD_MIN_BALANCE_CENTS = 10_000L;
  private static final double FRAUD_TRANSFER_PROBABILITY = 0.5;
  private static final double MULE_ACCOUNT_PROBABILITY = 0.85;
  /** How much likelier a takeover is, per transaction, at each hour of the day. */
  private static final double[] FRAUD_HOUR_FACTOR = {
    10, 10, 10, 10, 10, 8, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 3, 5
  };

  private final long rootSeed;
  private final KeyedPermutation transactionIds;
  private final KeyedPermutation customerIds;
  private final MerchantDirectory merchants;
  private final ActivityCalendar calendar;

  private TransactionLogSimulator(long rootSeed) {
    this.rootSeed = rootSeed;
    this.transactionIds = new KeyedPermutation(1_000_000L, 1_000_000L, Seeds.derive(rootSeed, ID_SALT, 0));
    this.customerIds = new KeyedPermutation(10_000L, 100_000L, Seeds.derive(rootSeed, ID_SALT, 1));
    this.merchants = new MerchantDirectory(rootSeed);
    this.calendar = new ActivityCalendar();
  }

  /** A simulator whose every shard and merchant derives from {@code rootSeed}. */
  public static TransactionLogSimulator of(long rootSeed) {
    return new TransactionLogSimulator(rootSeed);
  }

  /** The seed everything derives from. */
  public long rootSeed() {
    return rootSeed;
  }

  /** The number of shards of the standard layout of a {@code rows}-row log. */
  public static int shardCount(long rows) {
    checkRows(rows);
    return (int) ((rows + LAYOUT_ROWS_PER_SHARD - 1) / LAYOUT_ROWS_PER_SHARD);
  }

  /** The rows of shard {@code shardIndex} in the standard layout of a {@code rows}-row log; they sum to rows. */
  public static long rowsInShard(long rows, int shardIndex) {
    int shards = shardCount(rows);
    if (shardIndex < 0 || shardIndex >= shards) {
      throw new IllegalArgumentException(
          "Cannot lay out shard " + shardIndex + " of a " + rows + "-row log: it has " + shards + " shards");
    }
    return rows / shards + (shardIndex < rows % shards ? 1 : 0);
  }

  /** The {@code rows} transactions of shard {@code shardIndex}, in time order; the same for the same arguments. */
  public Iterator<Transaction> shard(int shardIndex, long rows) {
    if (shardIndex < 0 || shardIndex >= MAX_SHARDS) {
      throw new IllegalArgumentException(
          "Cannot simulate shard " + shardIndex + ": the index must be in [0, " + MAX_SHARDS + ")");
    }
    if (rows < 0 || rows > MAX_ROWS_PER_SHARD) {
      throw new IllegalArgumentException(
          "Cannot simulate shard " + shardIndex + ": rows must be in [0, " + MAX_ROWS_PER_SHARD + "], got " + rows);
    }
    return new ShardIterator(shardIndex, rows);
  }

  /** A whole {@code rows}-row log: the shards of the standard layout, one after the other. */
  public Iterator<Transaction> log(long rows) {
    int shards = shardCount(rows);
    return new Iterator<>() {
      private int next;
      private Iterator<Transaction> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < shards) {
          current = shard(next, rowsInShard(rows, next));
          next++;
        }
        return current.hasNext();
      }

      @Override
      public Transaction next() {
        if (!hasNext()) {
          throw new NoSuchElementException("Cannot read past the end of the simulated log");
        }
        return current.next();
      }
    };
  }

  private static void checkRows(long rows) {
    if (rows < 0 || rows > MAX_ROWS) {
      throw new IllegalArgumentException("Cannot lay out a log of " + rows + " rows: rows must be in [0, " + MAX_ROWS + "]");
    }
  }

  private static long cents(double units) {
    return Math.max(1L, Math.round(units * 100.0));
  }

  /** One customer's profile and running state; private to one shard iterator. */
  private static final class Customer {
    final String id;
    final double spendScale;
    final double mobileAffinity;
    final double[] typeCumulative;
    final int[] home;
    final double[] homeCumulative;
    final int homeAgent;
    final int homeProvider;
    final long[] payeeBalances;
    long balance;
    long remaining;
    double quantile;
    long nextSecond;

    Customer(String id, SplittableRandom rng, MerchantDirectory merchants, long transactions) {
      this.id = id;
      this.spendScale = Math.exp(0.5 * rng.nextGaussian());
      this.mobileAffinity = rng.nextDouble();
      this.typeCumulative = new double[TYPE_WEIGHTS.length];
      double total = 0;
      for (int i = 0; i < TYPE_WEIGHTS.length; i++) {
        total += TYPE_WEIGHTS[i] * Math.exp(0.5 * rng.nextGaussian());
        typeCumulative[i] = total;
      }
      for (int i = 0; i < typeCumulative.length; i++) {
        typeCumulative[i] /= total;
      }
      int homeCount = 4 + rng.nextInt(9);
      this.home = new int[homeCount];
      this.homeCumulative = new double[homeCount];
      double homeTotal = 0;
      for (int i = 0; i < homeCount; i++) {
        home[i] = merchants.retail().popular(rng);
        homeTotal += 1.0 / (i + 1);
        homeCumulative[i] = homeTotal;
      }
      for (int i = 0; i < homeCount; i++) {
        homeCumulative[i] /= homeTotal;
      }
      this.homeAgent = merchants.agents().popular(rng);
      this.homeProvider = merchants.providers().popular(rng);
      this.payeeBalances = new long[1 + rng.nextInt(3)];
      for (int i = 0; i < payeeBalances.length; i++) {
        payeeBalances[i] = cents(400.0 * Math.exp(1.2 * rng.nextGaussian()));
      }
      this.balance = cents(600.0 * spendScale * Math.exp(rng.nextGaussian()));
      this.remaining = transactions;
    }

    /** Schedules the next transaction: the next order statistic of the remaining uniform quantiles. */
    void advance(SplittableRandom rng, ActivityCalendar calendar) {
      double step = Math.pow(1.0 - rng.nextDouble(), 1.0 / remaining);
      quantile = Math.min(1.0 - (1.0 - quantile) * step, Math.nextDown(1.0));
      nextSecond = calendar.epochSecondAt(quantile);
      remaining--;
    }
  }

  /** Generates one shard: customers' event streams merged in time order through a binary heap. */
  private final class ShardIterator implements Iterator<Transaction> {
    private final SplittableRandom rng;
    private final int shardIndex;
    private final long rows;
    private final long fraudCap;
    private final Customer[] customers;
    private final int[] heap;
    private int heapSize;
    private long emitted;
    private long frauds;

    ShardIterator(int shardIndex, long rows) {
      this.rng = new SplittableRandom(Seeds.derive(rootSeed, SHARD_SALT, shardIndex));
      this.shardIndex = shardIndex;
      this.rows = rows;
      this.fraudCap = (long) Math.floor(rows * MAX_FRAUD_RATE);
      int count = (int) Math.min(MAX_CUSTOMERS_PER_SHARD, Math.max(1L, (long) Math.ceil(rows / TRANSACTIONS_PER_CUSTOMER)));
      double[] activity = new double[count];
      double total = 0;
      for (int i = 0; i < count; i++) {
        activity[i] = Math.exp(0.9 * rng.nextGaussian());
        total += activity[i];
      }
      this.customers = new Customer[count];
      this.heap = new int[count];
      double cumulative = 0;
      long assigned = 0;
      for (int i = 0; i < count; i++) {
        cumulative += activity[i];
        long upTo = i == count - 1 ? rows : Math.min(rows, Math.round(rows * (cumulative / total)));
        long number = (long) shardIndex * MAX_CUSTOMERS_PER_SHARD + i;
        String id = Text.prefixedDigits('C', customerIds.apply(number), 9);
        Customer customer = new Customer(id, rng, merchants, upTo - assigned);
        assigned = upTo;
        customers[i] = customer;
        if (customer.remaining > 0) {
          customer.advance(rng, calendar);
          heap[heapSize++] = i;
        }
      }
      for (int i = heapSize / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    }

    @Override
    public boolean hasNext() {
      return emitted < rows;
    }

    @Override
    public Transaction next() {
      if (emitted >= rows) {
        throw new NoSuchElementException("Cannot read past the end of shard " + shardIndex);
      }
      Customer customer = customers[heap[0]];
      Transaction transaction = transact(customer, customer.nextSecond);
      if (customer.remaining > 0) {
        customer.advance(rng, calendar);
      } else {
        heap[0] = heap[--heapSize];
      }
      siftDown(0);
      emitted++;
      return transaction;
    }

    private boolean before(int a, int b) {
      long first = customers[a].nextSecond;
      long second = customers[b].nextSecond;
      return first < second || first == second && a < b;
    }

    private void siftDown(int start) {
      int position = start;
      int moving = heap[position];
      while (true) {
        int child = 2 * position + 1;
        if (child >= heapSize) {
          break;
        }
        if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
          child++;
        }
        if (!before(heap[child], moving)) {
          break;
        }
        heap[position] = heap[child];
        position = child;
      }
      if (heapSize > 0) {
        heap[position] = moving;
      }
    }

    private Transaction transact(Customer customer, long second) {
      long number = transactionIds.apply((long) shardIndex * MAX_ROWS_PER_SHARD + emitted);
      if (frauds < fraudCap
          && customer.balance >= FRAUD_MIN_BALANCE_CENTS
          && rng.nextDouble() < FRAUD_BASE_PROBABILITY * FRAUD_HOUR_FACTOR[ActivityCalendar.hourOfDay(second)]) {
        frauds++;
        return takeover(customer, number, second);
      }
      return ordinary(customer, number, second);
    }

    /** An account takeover: the whole balance leaves through an unusual agent or provider. */
    private Transaction takeover(Customer customer, long number, long second) {
      long amount = customer.balance;
      TransactionType type;
      int merchant;
      Channel channel;
      long oldDest;
      if (rng.nextDouble() < FRAUD_TRANSFER_PROBABILITY) {
        type = TransactionType.TRANSFER;
        merchant = merchants.providers().uniform(rng);
        channel = rng.nextDouble() < 0.65 ? Channel.WEB : Channel.MOBILE;
        oldDest = rng.nextDouble() < MULE_ACCOUNT_PROBABILITY ? 0L : cents(30.0 * Math.exp(rng.nextGaussian()));
      } else {
        type = TransactionType.CASH_OUT;
        merchant = merchants.agents().uniform(rng);
        channel = rng.nextDouble() < 0.45 ? Channel.CARD : Channel.MOBILE;
        oldDest = agentFloat();
      }
      customer.balance = 0;
      return new Transaction(number, customer.id, second, type, channel, merchants.id(merchant),
          merchants.category(merchant), amount, amount, 0L, oldDest, oldDest + amount, true);
    }

    private Transaction ordinary(Customer customer, long number, long second) {
      TransactionType type = TYPES[Text.search(customer.typeCumulative, rng.nextDouble())];
      int merchant = -1;
      long amount;
      switch (type) {
        case PAYMENT:
        case DEBIT:
          merchant = rng.nextDouble() < HOME_MERCHANT_PROBABILITY
              ? customer.home[Text.search(customer.homeCumulative, rng.nextDouble())]
              : merchants.retail().popular(rng);
          MerchantCategory category = merchants.category(merchant);
          amount = cents(category.medianAmount() * customer.spendScale * Math.exp(category.amountSigma() * rng.nextGaussian()));
          break;
        case TRANSFER:
          amount = rng.nextDouble() < LEGIT_EMPTYING_PROBABILITY
              ? customer.balance
              : cents(TRANSFER_MEDIAN * customer.spendScale * Math.exp(0.9 * rng.nextGaussian()));
          break;
        case CASH_OUT:
          amount = rng.nextDouble() < LEGIT_EMPTYING_PROBABILITY
              ? customer.balance
              : 1_000L * Math.max(1L, Math.round(CASH_OUT_MEDIAN / 10.0 * customer.spendScale * Math.exp(0.8 * rng.nextGaussian())));
          break;
        default:
          amount = 0L;
          break;
      }
      if (type.isDebit() && (amount <= 0 || amount > customer.balance)) {
        type = TransactionType.CASH_IN;
        merchant = -1;
      }
      Channel channel;
      long oldDest = 0L;
      long newDest = 0L;
      switch (type) {
        case PAYMENT:
          channel = merchants.category(merchant) == MerchantCategory.ONLINE
              ? pick(0.3 + 0.5 * customer.mobileAffinity, Channel.MOBILE, Channel.WEB)
              : pick(0.1 + 0.35 * customer.mobileAffinity, Channel.MOBILE, Channel.CARD);
          break;
        case DEBIT:
          channel = pick(0.7, Channel.CARD, Channel.WEB);
          break;
        case TRANSFER: {
          merchant = rng.nextDouble() < HOME_SERVICE_PROBABILITY ? customer.homeProvider : merchants.providers().popular(rng);
          channel = pick(0.45 + 0.45 * customer.mobileAffinity, Channel.MOBILE, Channel.WEB);
          int payee = rng.nextInt(customer.payeeBalances.length);
          oldDest = customer.payeeBalances[payee];
          newDest = oldDest + amount;
          customer.payeeBalances[payee] = newDest - (long) (newDest * 0.6 * rng.nextDouble());
          break;
        }
        case CASH_OUT:
          merchant = rng.nextDouble() < HOME_SERVICE_PROBABILITY ? customer.homeAgent : merchants.agents().popular(rng);
          channel = pick(0.5 + 0.4 * customer.mobileAffinity, Channel.MOBILE, Channel.CARD);
          oldDest = agentFloat();
          newDest = oldDest + amount;
          break;
        default:
          amount = cents(CASH_IN_MEDIAN * customer.spendScale * Math.exp(0.7 * rng.nextGaussian()));
          merchant = rng.nextDouble() < HOME_SERVICE_PROBABILITY ? customer.homeAgent : merchants.agents().popular(rng);
          channel = pick(0.5 + 0.4 * customer.mobileAffinity, Channel.MOBILE, Channel.CARD);
          oldDest = agentFloat() + amount;
          newDest = oldDest - amount;
          break;
      }
      long oldBalance = customer.balance;
      long newBalance = type.isDebit() ? oldBalance - amount : oldBalance + amount;
      customer.balance = newBalance;
      return new Transaction(number, customer.id, second, type, channel, merchants.id(merchant),
          merchants.category(merchant), amount, oldBalance, newBalance, oldDest, newDest, false);
    }

    private Channel pick(double probability, Channel likely, Channel otherwise) {
      return rng.nextDouble() < probability ? likely : otherwise;
    }

    /** A cash agent's e-money float before the transaction. */
    private long agentFloat() {
      return cents(AGENT_FLOAT_MEDIAN * Math.exp(0.8 * rng.nextGaussian()));
    }
  }
}
