package io.synthforge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsSchemaTest {
  private static final String RESOURCE = "schemas/tables/transactions.avsc";

  private static TableMetadata table() throws IOException {
    try (InputStream in = TransactionsSchemaTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " should be on the classpath");
      return AvroTableSchemas.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    }
  }

  @Test
  void schemaDescribesTheSimulatedLogColumnForColumn() throws IOException {
    TableMetadata table = table();
    assertEquals("transactions", table.name());
    assertEquals(Transaction.header(), table.columnNames());
  }

  @Test
  void schemaCarriesRolesDomainsAndFormats() throws IOException {
    TableMetadata table = table();
    assertEquals(ColumnRole.IDENTIFIER, table.column("transaction_id").orElseThrow().role());
    assertEquals("T############", table.column("transaction_id").orElseThrow().format().orElseThrow());
    assertEquals("C#########", table.column("customer_id").orElseThrow().format().orElseThrow());
    assertEquals(ColumnType.TIMESTAMP, table.column("timestamp").orElseThrow().type());
    assertEquals(ColumnRole.DATETIME, table.column("timestamp").orElseThrow().role());
    assertEquals(List.of("card", "mobile", "web"), table.column("channel").orElseThrow().domain().orElseThrow());
    assertEquals(List.of("PAYMENT", "TRANSFER", "CASH_OUT", "CASH_IN", "DEBIT"),
        table.column("type").orElseThrow().domain().orElseThrow());
    assertEquals(ColumnRole.CONTINUOUS, table.column("amount").orElseThrow().role());
    assertEquals(0.0, table.column("amount").orElseThrow().min().orElseThrow());
    assertEquals(ColumnRole.LABEL, table.column("is_fraud").orElseThrow().role());
    assertEquals(List.of("0", "1"), table.column("is_fraud").orElseThrow().domain().orElseThrow());
  }

  @Test
  void domainsCoverEveryValueTheSimulatorWrites() throws IOException {
    TableMetadata table = table();
    List<String> types = table.column("type").orElseThrow().domain().orElseThrow();
    List<String> channels = table.column("channel").orElseThrow().domain().orElseThrow();
    List<String> categories = table.column("merchant_category").orElseThrow().domain().orElseThrow();
    for (TransactionType type : TransactionType.values()) {
      assertEquals(true, types.contains(type.name()), type.name());
    }
    for (Channel channel : Channel.values()) {
      assertEquals(true, channels.contains(channel.key()), channel.key());
    }
    for (MerchantCategory category : MerchantCategory.values()) {
      assertEquals(true, categories.contains(category.key()), category.key());
    }
  }
}
