package io.synthforge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvroTableSchemasTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"tx\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\",\"role\":\"pii\",\"format\":\"T####\"},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"min\":0},"
      + "{\"name\":\"kind\",\"type\":[\"null\",\"string\"],\"default\":null,\"domain\":[\"A\",\"B\"]},"
      + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
      + "{\"name\":\"fraud\",\"type\":\"int\",\"role\":\"label\"}]}";

  @Test
  void readsRolesTypesDomainsAndBounds() {
    TableMetadata table = AvroTableSchemas.parse(SCHEMA, "test");
    assertEquals(List.of("id", "amount", "kind", "at", "fraud"), table.columnNames());
    ColumnSpec id = table.column("id").orElseThrow();
    assertEquals(ColumnRole.IDENTIFIER, id.role());
    assertEquals("T####", id.format().orElseThrow());
    assertEquals(ColumnRole.CONTINUOUS, table.column("amount").orElseThrow().role());
    assertEquals(0.0, table.column("amount").orElseThrow().min().orElseThrow());
    ColumnSpec kind = table.column("kind").orElseThrow();
    assertTrue(kind.nullable());
    assertEquals(List.of("A", "B"), kind.domain().orElseThrow());
    assertEquals(ColumnType.TIMESTAMP, table.column("at").orElseThrow().type());
    assertEquals(ColumnRole.DATETIME, table.column("at").orElseThrow().role());
    assertEquals(ColumnRole.LABEL, table.column("fraud").orElseThrow().role());
    assertEquals(List.of("amount", "kind", "at", "fraud"),
        table.learnedColumns().stream().map(ColumnSpec::name).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void writesWhatItReads() {
    TableMetadata table = AvroTableSchemas.parse(SCHEMA, "test");
    String written = AvroTableSchemas.toAvro(table, "io.synthforge.schema.tables").toString();
    assertEquals(table, AvroTableSchemas.parse(written, "written"));
  }

  @Test
  void rejectsMalformedJsonWithOneLine() {
    InvalidSchemaException error = assertThrows(InvalidSchemaException.class,
        () -> AvroTableSchemas.parse("{\"type\":\"record\",", "broken.avsc"));
    assertTrue(error.getMessage().startsWith("Cannot read schema broken.avsc: "), error.getMessage());
    assertEquals(-1, error.getMessage().indexOf('\n'));
  }

  @Test
  void rejectsAnUnknownRole() {
    String schema = "{\"type\":\"record\",\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"role\":\"secret\"}]}";
    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> AvroTableSchemas.parse(schema, "t.avsc"));
    assertEquals("Cannot read column role 'secret': expected one of continuous, categorical, datetime, identifier, pii, label",
        error.getMessage());
  }

  @Test
  void rejectsAContinuousRoleOnText() {
    String schema = "{\"type\":\"record\",\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"role\":\"continuous\"}]}";
    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> AvroTableSchemas.parse(schema, "t.avsc"));
    assertEquals("Cannot read schema t.avsc: Cannot use column 'a' as continuous: its type STRING is not numeric", error.getMessage());
  }
}
