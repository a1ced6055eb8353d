package io.synthforge.demo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of the simulated transaction log. Immutable. Money is held in whole cents so that the balance
 * relations hold exactly: {@code newbalance_orig = oldbalance_org - amount} for debits ({@code + amount} for
 * {@link TransactionType#CASH_IN}), and {@code newbalance_dest = oldbalance_dest + amount} for transfers and
 * cash-outs ({@code - amount} for cash-ins, whose destination is the agent's float).
 */
public final class Transaction {
  private static final List<String> HEADER = List.of(
      "transaction_id",
      "customer_id",
      "timestamp",
      "type",
      "channel",
      "merchant_id",
      "merchant_category",
      "amount",
      "oldbalance_org",
      "newbalance_orig",
      "oldbalance_dest",
      "newbalance_dest",
      "is_fraud");

  private final long transactionNumber;
  private final String customerId;
  private final long epochSecond;
  private final TransactionType type;
  private final Channel channel;
  private final String merchantId;
  private final MerchantCategory merchantCategory;
  private final long amountCents;
  private final long oldBalanceOrgCents;
  private final long newBalanceOrigCents;
  private final long oldBalanceDestCents;
  private final long newBalanceDestCents;
  private final boolean fraud;

  Transaction(long transactionNumber, String customerId, long epochSecond, TransactionType type, Channel channel,
      String merchantId, MerchantCategory merchantCategory, long amountCents, long oldBalanceOrgCents,
      long newBalanceOrigCents, long oldBalanceDestCents, long newBalanceDestCents, boolean fraud) {
    this.transactionNumber = transactionNumber;
    this.customerId = customerId;
    this.epochSecond = epochSecond;
    this.type = type;
    this.channel = channel;
    this.merchantId = merchantId;
    this.merchantCategory = merchantCategory;
    this.amountCents = amountCents;
    this.oldBalanceOrgCents = oldBalanceOrgCents;
    this.newBalanceOrigCents = newBalanceOrigCents;
    this.oldBalanceDestCents = oldBalanceDestCents;
    this.newBalanceDestCents = newBalanceDestCents;
    this.fraud = fraud;
  }

  /** The column names of the log, in the order of {@link #toCsvFields()}. */
  public static List<String> header() {
    return HEADER;
  }

  /** {@code T} and 12 digits, unique within a root seed. */
  public String transactionId() {
    return Text.prefixedDigits('T', transactionNumber, 12);
  }

  /** {@code C} and 9 digits. */
  public String customerId() {
    return customerId;
  }

  /** When the transaction happened, to the second. */
  public Instant timestamp() {
    return Instant.ofEpochSecond(epochSecond);
  }

  /** {@link #timestamp()} as seconds since the epoch. */
  public long epochSecond() {
    return epochSecond;
  }

  public TransactionType type() {
    return type;
  }

  public Channel channel() {
    return channel;
  }

  /** {@code M} and 7 digits: a retailer, a cash agent or a transfer provider. */
  public String merchantId() {
    return merchantId;
  }

  public MerchantCategory merchantCategory() {
    return merchantCategory;
  }

  /** The amount moved, in cents (always at least 1). */
  public long amountCents() {
    return amountCents;
  }

  /** The origin (customer) balance before the transaction, in cents. */
  public long oldBalanceOrgCents() {
    return oldBalanceOrgCents;
  }

  /** The origin (customer) balance after the transaction, in cents. */
  public long newBalanceOrigCents() {
    return newBalanceOrigCents;
  }

  /** The destination balance before the transaction, in cents (0 when the destination is a retailer). */
  public long oldBalanceDestCents() {
    return oldBalanceDestCents;
  }

  /** The destination balance after the transaction, in cents (0 when the destination is a retailer). */
  public long newBalanceDestCents() {
    return newBalanceDestCents;
  }

  /** Whether the transaction was made by a fraudster (the {@code is_fraud} label). */
  public boolean fraud() {
    return fraud;
  }

  /** The row as CSV text in {@link #header()} order: money with two decimals, timestamp ISO-8601 UTC. */
  public String[] toCsvFields() {
    return new String[] {
      transactionId(),
      customerId,
      ActivityCalendar.iso(epochSecond),
      type.name(),
      channel.key(),
      merchantId,
      merchantCategory.key(),
      Text.money(amountCents),
      Text.money(oldBalanceOrgCents),
      Text.money(newBalanceOrigCents),
      Text.money(oldBalanceDestCents),
      Text.money(newBalanceDestCents),
      fraud ? "1" : "0"
    };
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Transaction)) {
      return false;
    }
    Transaction that = (Transaction) other;
    return transactionNumber == that.transactionNumber
        && epochSecond == that.epochSecond
        && amountCents == that.amountCents
        && oldBalanceOrgCents == that.oldBalanceOrgCents
        && newBalanceOrigCents == that.newBalanceOrigCents
        && oldBalanceDestCents == that.oldBalanceDestCents
        && newBalanceDestCents == that.newBalanceDestCents
        && fraud == that.fraud
        && type == that.type
        && channel == that.channel
        && merchantCategory == that.merchantCategory
        && customerId.equals(that.customerId)
        && merchantId.equals(that.merchantId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionNumber, customerId, epochSecond, type, channel, merchantId, amountCents,
        oldBalanceOrgCents, fraud);
  }

  @Override
  public String toString() {
    return String.join(",", toCsvFields());
  }
}
