package io.synthforge.publish;

import io.synthforge.api.JobFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's Thrift JDBC/ODBC server (HiveServer2 protocol) over a session's catalog, so BI tools and
 * {@code beeline} query the published tables: {@code jdbc:hive2://host:port/default}.
 */
public final class SqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlServer.class);
  private static final long STARTUP_TIMEOUT_MS = 30_000L;

  private final HiveThriftServer2 server;
  private final String host;
  private final int port;

  private SqlServer(HiveThriftServer2 server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /** Starts the server on {@code host:port} (port 0: any free port) over {@code spark}'s catalog (a Hive-enabled session). */
  public static SqlServer start(SparkSession spark, String host, int port) {
    SyntheticCatalog.of(spark);
    // The Thrift service reads its port and host from the execution client's HiveConf. Spark's built-in (non-isolated)
    // Hive client reuses the thread's Hive SessionState when one exists (the metastore client made one), so the
    // settings go there too, besides the session and the system properties a new HiveConf starts from.
    Map<String, String> settings = Map.of("hive.server2.thrift.bind.host", host, "hive.server2.thrift.port",
        Integer.toString(port), "hive.server2.transport.mode", "binary");
    Map<String, String> previous = new HashMap<>();
    settings.forEach((key, value) -> {
      spark.conf().set(key, value);
      previous.put(key, System.getProperty(key));
      System.setProperty(key, value);
    });
    org.apache.hadoop.hive.ql.session.SessionState hiveState = org.apache.hadoop.hive.ql.session.SessionState.get();
    if (hiveState != null) {
      settings.forEach((key, value) -> hiveState.getConf().set(key, value));
    }
    HiveThriftServer2 server;
    try {
      server = HiveThriftServer2.startWithContext(spark.sqlContext());
    } catch (RuntimeException e) {
      throw new JobFailedException("Cannot start the SQL server on " + host + ":" + port + ": " + e.getMessage(), e);
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
    int bound = boundPort(server);
    SqlServer started = new SqlServer(server, host, bound);
    // The binary transport serves on a background thread: wait until it accepts connections.
    long deadline = System.nanoTime() + STARTUP_TIMEOUT_MS * 1_000_000L;
    while (!listening(host, bound)) {
      if (System.nanoTime() > deadline) {
        started.close();
        throw new JobFailedException("Cannot start the SQL server on " + host + ":" + port + ": nothing listens on port "
            + bound + " after " + STARTUP_TIMEOUT_MS / 1000 + " s (is the port taken?)");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        started.close();
        throw new JobFailedException("Cannot start the SQL server on " + host + ":" + port + ": interrupted", e);
      }
    }
    LOG.info("Serving SQL on {}", started.jdbcUrl());
    return started;
  }

  /** The port the Thrift service bound (the one asked for, or an ephemeral one for port 0). */
  private static int boundPort(HiveThriftServer2 server) {
    for (Service service : server.getServices()) {
      if (service instanceof ThriftCLIService) {
        return ((ThriftCLIService) service).getPortNumber();
      }
    }
    throw new JobFailedException("Cannot start the SQL server: it has no Thrift service");
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The JDBC URL of the server's {@code default} database. */
  public String jdbcUrl() {
    return "jdbc:hive2://" + host + ":" + port + "/default";
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** Stops the server (the Spark session stays up). */
  @Override
  public void close() {
    server.stop();
  }
}
