package io.synthforge.demo;

/** The kind of a simulated transaction, named as in mobile-money logs (PaySim). */
public enum TransactionType {
  /** A purchase at a merchant; debits the customer. */
  PAYMENT(true),
  /** Money sent to another account; debits the customer and credits the destination. */
  TRANSFER(true),
  /** Cash withdrawn at an agent or ATM; debits the customer. */
  CASH_OUT(true),
  /** Cash deposited at an agent; credits the customer. */
  CASH_IN(false),
  /** A direct debit or debit-card charge; debits the customer. */
  DEBIT(true);

  private final boolean debit;

  TransactionType(boolean debit) {
    this.debit = debit;
  }

  /** Whether the amount leaves the customer's account (every type but {@link #CASH_IN}). */
  public boolean isDebit() {
    return debit;
  }
}
