package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileLogInputStream;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node Kafka on 127.0.0.1: KRaft, broker and controller in one process, run from
 * Maven's {@code kafka_2.13} (test scope) in a child JVM on this JVM's class path. {@link #start}
 * formats a fresh log directory, starts it and waits until it answers; {@link #close} stops it
 * (SIGTERM, then SIGKILL). Topics have one partition, read here as partition 0.
 */
final class KafkaBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String CLUSTER_ID = "tbotOtelKafkaTest00001"; // any 22-character base64 id

  private static final String KEYSTORE_PASSWORD = "changeit";
  private static final String CA_FILE = "broker-ca.pem";

  /** The largest message the broker takes. */
  static final int MAX_MESSAGE_BYTES = 64 << 20;

  /** A SCRAM-SHA-512 user that the SASL_SSL listener of {@link #startSecure} accepts. */
  record User(String name, String password) {}

  /** In the broker's directory: its own log, and the request log {@link #produceAcks} reads. */
  private static final String BROKER_LOG = "broker.log";
  private static final String REQUEST_LOG = "requests.log";

  private static final Pattern ACKS = Pattern.compile("\"request\":\\{[^{]*?\"acks\":(-?\\d+)");

  private final Process process;
  private final Path dir;
  private final Path log;
  private final Path requestLog;
  private final String bootstrap;
  @Nullable private final String secureBootstrap;
  private final Admin admin;

  private final Thread killOnExit;

  private KafkaBroker(Process process, Path dir, String bootstrap, @Nullable String secureBootstrap, Admin admin,
      Thread killOnExit) {
    this.process = process;
    this.dir = dir;
    this.log = dir.resolve(BROKER_LOG);
    this.requestLog = dir.resolve(REQUEST_LOG);
    this.bootstrap = bootstrap;
    this.secureBootstrap = secureBootstrap;
    this.admin = admin;
    this.killOnExit = killOnExit;
  }

  /** A port that was free when chosen was taken by the time the broker bound it. */
  private static final class PortTaken extends Exception {
    PortTaken(String message) {
      super(message);
    }
  }

  /**
   * Formats {@code dir} (emptied first) and starts the broker there, on ports chosen anew (up to
   * three times) if one it was given is taken by the time it binds.
   */
  static KafkaBroker start(Path dir) throws Exception {
    return start(dir, List.of());
  }

  /**
   * As {@link #start(Path)}, plus a SASL_SSL listener ({@link #secureBootstrap}) that takes only
   * {@code users}, over TLS with a certificate for 127.0.0.1 signed by a CA of its own ({@link #caFile}),
   * and an authorizer, as a production broker has: these users may do only what an ACL allows them
   * ({@link #acls}). The plain listener stays for the test's own clients and the broker itself,
   * whose principal ({@code User:ANONYMOUS}) may do anything.
   */
  static KafkaBroker startSecure(Path dir, User... users) throws Exception {
    if (users.length == 0) {
      throw new IllegalArgumentException("a secure broker needs a user");
    }
    return start(dir, List.of(users));
  }

  private static KafkaBroker start(Path dir, List<User> users) throws Exception {
    PortTaken last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return startOnce(dir, users);
      } catch (PortTaken e) {
        last = e;
      }
    }
    throw new AssertionError("Kafka could not bind its ports three times: " + last.getMessage());
  }

  private static KafkaBroker startOnce(Path dir, List<User> users) throws Exception {
    boolean secure = !users.isEmpty();
    Collector.deleteTree(dir);
    Files.createDirectories(dir);
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < 3) {
      ports.add(Collector.freePort());
    }
    Iterator<Integer> chosen = ports.iterator();
    int port = chosen.next();
    int controllerPort = chosen.next();
    int securePort = chosen.next();
    List<String> listeners = new ArrayList<>(List.of(
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
            + (secure ? ",SASL_SSL://127.0.0.1:" + securePort : ""),
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port
            + (secure ? ",SASL_SSL://127.0.0.1:" + securePort : ""),
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL"));
    List<String> formatExtra = new ArrayList<>();
    if (secure) {
      Path keystore = brokerKeystore(dir);
      listeners.addAll(List.of(
          "sasl.enabled.mechanisms=SCRAM-SHA-512",
          // SCRAM credentials live in the cluster's metadata; the listener needs only the module.
          "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
              + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
          "ssl.keystore.type=PKCS12",
          "ssl.keystore.location=" + keystore,
          "ssl.keystore.password=" + KEYSTORE_PASSWORD,
          "ssl.key.password=" + KEYSTORE_PASSWORD,
          // KRaft's own authorizer: with no ACL that allows it, a SASL user may do nothing (the
          // default allow.everyone.if.no.acl.found=false). The plain listeners' principal, the
          // broker's and the test's own clients', is a super user.
          "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
          "super.users=User:ANONYMOUS"));
      for (User user : users) {
        formatExtra.addAll(List.of("--add-scram",
            "SCRAM-SHA-512=[name=" + user.name() + ",password=" + user.password() + "]"));
      }
    }
    Path properties = dir.resolve("server.properties");
    Files.writeString(properties, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        String.join("\n", listeners),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        // One node: every internal topic (consumer offsets, transactions) has one replica.
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        // The brokers' default, kept: a client that asks gets a missing topic created, which the
        // edge must never ask for (KafkaEndToEndTest). Tests create their topics first.
        "auto.create.topics.enable=true",
        // Room for WarehouseLoad's sink, which writes each insert batch (up to 50,000 records) as one
        // message; the edge's own messages stay under 1 MB (max_message_bytes).
        "message.max.bytes=" + MAX_MESSAGE_BYTES,
        ""), StandardCharsets.UTF_8);
    Path log4j = consoleLog4j(dir.resolve("log4j2.properties"), "info",
        // Every request the broker completes, one JSON line each (produceAcks); Kafka builds them
        // only while this logger is at debug.
        "logger.requests.name = kafka.request.logger",
        "logger.requests.level = debug",
        "logger.requests.additivity = false",
        "logger.requests.appenderRef.requests.ref = REQUESTS",
        "appender.requests.type = File",
        "appender.requests.name = REQUESTS",
        "appender.requests.fileName = " + dir.resolve(REQUEST_LOG),
        "appender.requests.layout.type = PatternLayout",
        "appender.requests.layout.pattern = %m%n");
    Path log = dir.resolve(BROKER_LOG);
    Path formatLog = dir.resolve("format.log");
    List<String> formatArgs = new ArrayList<>(List.of("format", "-t", CLUSTER_ID, "-c", properties.toString()));
    formatArgs.addAll(formatExtra);
    Process format = java(dir, log4j, formatLog, "kafka.tools.StorageTool", formatArgs.toArray(new String[0]));
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      fail("formatting Kafka's log directory failed:\n" + Collector.tail(formatLog, 30));
    }
    Process broker = java(dir, log4j, log, "kafka.Kafka", properties.toString());
    // Should this JVM end without close() (a killed test run), the broker ends with it.
    Thread killOnExit = new Thread(broker::destroyForcibly, "kafka-broker-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    String bootstrap = "127.0.0.1:" + port;
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    Admin admin;
    try {
      admin = Admin.create(config);
    } catch (RuntimeException e) {
      broker.destroyForcibly();
      throw e;
    }
    KafkaBroker kafka = new KafkaBroker(broker, dir, bootstrap,
        secure ? "127.0.0.1:" + securePort : null, admin, killOnExit);
    try {
      kafka.awaitReady();
    } catch (Throwable t) {
      kafka.close();
      throw t;
    }
    return kafka;
  }

  /** Writes a log4j2 configuration to {@code file}: the console at {@code level}, then {@code more}. */
  private static Path consoleLog4j(Path file, String level, String... more) throws Exception {
    List<String> lines = new ArrayList<>(List.of(
        "rootLogger.level = " + level,
        "rootLogger.appenderRef.out.ref = OUT",
        "appender.out.type = Console",
        "appender.out.name = OUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n"));
    lines.addAll(List.of(more));
    lines.add("");
    return Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
  }

  private static Process java(Path dir, Path log4j, Path output, String mainClass, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=" + log4j,
        "-cp", System.getProperty("java.class.path"),
        mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("JAVA_TOOL"));
    // Kafka upper-cases config values in the JVM's default locale: under tr_TR.UTF-8 "classic"
    // became "CLASSİC" and formatting the log directory failed (No enum constant ... CLASSİC).
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (Files.readString(log, StandardCharsets.UTF_8).contains("Address already in use")) {
          throw new PortTaken(logTail());
        }
        fail("Kafka exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    fail("Kafka not ready within " + START_TIMEOUT + " (" + last + "):\n" + logTail());
  }

  /**
   * Runs {@code kafka-acls.sh} with {@code args}, as its script does ({@code AclCommand}, in a JVM
   * of its own: it may exit the JVM), against this broker's plain listener, and waits until the
   * broker serves the ACLs it added (the controller hands them on a moment later).
   */
  void acls(List<String> args) throws Exception {
    int before = admin.describeAcls(AclBindingFilter.ANY).values().get().size();
    Path output = Files.createTempFile(dir, "acls", ".log");
    // Its client's warnings only, not the pages of settings it logs at info.
    Path log4j = consoleLog4j(dir.resolve("acls-log4j2.properties"), "warn");
    Process acls = java(dir, log4j, output, "org.apache.kafka.tools.AclCommand", args.toArray(new String[0]));
    boolean ended = acls.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      acls.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    if (!ended || acls.exitValue() != 0) {
      fail("kafka-acls.sh " + String.join(" ", args) + " failed:\n" + printed);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (admin.describeAcls(AclBindingFilter.ANY).values().get().size() <= before) {
      if (System.nanoTime() > deadline) {
        fail("the broker serves no ACL that kafka-acls.sh " + String.join(" ", args) + " added:\n" + printed);
      }
      Thread.sleep(100);
    }
  }

  /** {@code host:port} of the broker's plain listener. */
  String bootstrap() {
    return bootstrap;
  }

  /** {@code host:port} of the SASL_SSL listener of {@link #startSecure}. */
  String secureBootstrap() {
    if (secureBootstrap == null) {
      throw new IllegalStateException("started without a SASL_SSL listener");
    }
    return secureBootstrap;
  }

  /** The PEM certificate of the CA that signed the SASL_SSL listener's certificate. */
  Path caFile() {
    return log.resolveSibling(CA_FILE);
  }

  /**
   * A CA, and a key pair for 127.0.0.1 with a certificate that CA signed, made with the JDK's
   * keytool: the broker's keystore holds the key and the chain, {@link #caFile} the CA alone.
   */
  private static Path brokerKeystore(Path dir) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path ca = dir.resolve("ca.p12");
    Path keystore = dir.resolve("broker.p12");
    Path caPem = dir.resolve(CA_FILE);
    Path request = dir.resolve("broker.csr");
    Path signed = dir.resolve("broker.pem");
    List<String> caStore = List.of("-keystore", ca.toString(), "-storepass", KEYSTORE_PASSWORD);
    List<String> brokerStore = List.of("-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD);
    keytool(dir, keytool, List.of("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=tbot-otel test Kafka CA", "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12",
        "-keypass", KEYSTORE_PASSWORD), caStore);
    keytool(dir, keytool, List.of("-exportcert", "-rfc", "-alias", "ca", "-file", caPem.toString()), caStore);
    keytool(dir, keytool, List.of("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keypass", KEYSTORE_PASSWORD),
        brokerStore);
    keytool(dir, keytool, List.of("-certreq", "-alias", "broker", "-file", request.toString()), brokerStore);
    keytool(dir, keytool, List.of("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile",
        signed.toString(), "-rfc", "-ext", "san=ip:127.0.0.1", "-validity", "2"), caStore);
    keytool(dir, keytool, List.of("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString()),
        brokerStore);
    keytool(dir, keytool, List.of("-importcert", "-alias", "broker", "-file", signed.toString()), brokerStore);
    return keystore;
  }

  private static void keytool(Path dir, String keytool, List<String> args, List<String> store) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(keytool));
    cmd.addAll(args);
    cmd.addAll(store);
    Path out = dir.resolve("keytool.log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      fail("keytool failed: " + Collector.tail(out, 20));
    }
  }

  /** Creates a topic with {@code partitions} partitions and one replica. */
  void createTopic(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  /** Whether the topic exists. */
  boolean topicExists(String topic) throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
  }

  /** The offset the next message of partition 0 gets. */
  long endOffset(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition p = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(p), Duration.ofSeconds(10)).get(p);
    }
  }

  /** Writes one message to partition 0 and waits until the broker has it. */
  void produce(String topic, byte[] value) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, 0, null, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Writes {@code count} copies of {@code value} to partition 0 as a busy producer does (zstd
   * batches, as the edge's exporter writes them) and waits until the broker has them all.
   */
  void produceMany(String topic, byte[] value, int count) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, value));
      }
      producer.flush();
    }
    long end = endOffset(topic);
    if (end < count) {
      fail("the broker holds " + end + " of " + count + " messages:\n" + logTail());
    }
  }

  /** The client ids of consumer group {@code group}'s members now. */
  Set<String> groupClientIds(String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members()
        .stream().map(m -> m.clientId()).collect(Collectors.toSet());
  }

  /**
   * The {@code acks} of every produce request client {@code clientId} has sent so far, from the
   * broker's request log: what a producer asks the broker to wait for, which no consumer can see.
   */
  Set<Integer> produceAcks(String clientId) throws Exception {
    Set<Integer> acks = new TreeSet<>();
    for (String line : Files.readAllLines(requestLog, StandardCharsets.UTF_8)) {
      // {"isForwarded":false,"requestHeader":{"requestApiKey":0,...,"clientId":"..."},"request":{...,"acks":-1,...
      if (line.contains("\"requestApiKey\":0,") && line.contains("\"clientId\":\"" + clientId + "\"")) {
        Matcher m = ACKS.matcher(line);
        if (!m.find()) {
          fail("a produce request without acks in " + requestLog + ": " + line);
        }
        acks.add(Integer.parseInt(m.group(1)));
      }
    }
    return acks;
  }

  /**
   * The compression of the record batch that holds {@code offset} of partition 0, as the broker
   * stored it (a topic's default {@code compression.type=producer} keeps the producer's).
   */
  CompressionType compressionAt(String topic, long offset) throws Exception {
    try (Stream<Path> segments = Files.list(dir.resolve("data").resolve(topic + "-0"))) {
      for (Path segment : segments.filter(f -> f.toString().endsWith(".log")).toList()) {
        try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
          for (FileLogInputStream.FileChannelRecordBatch batch : records.batches()) {
            if (batch.baseOffset() <= offset && offset <= batch.lastOffset()) {
              return batch.compressionType();
            }
          }
        }
      }
    }
    throw new AssertionError("no batch of " + topic + " holds offset " + offset);
  }

  /** The offset consumer group {@code group} has committed on partition 0; 0 before any. */
  long committedOffset(String group, String topic) throws Exception {
    TopicPartition p = new TopicPartition(topic, 0);
    var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    var committed = offsets.get(p);
    return committed == null ? 0 : committed.offset();
  }

  /**
   * The values of partition 0 from offset {@code from} on: waits until at least {@code count} have
   * been read or {@code timeout} has passed, then returns all read (so more than {@code count}
   * shows up as such).
   */
  List<byte[]> read(String topic, long from, int count, Duration timeout) {
    List<byte[]> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readRecords(topic, from, count, timeout)) {
      values.add(r.value());
    }
    return values;
  }

  /** As {@link #read}, but the whole messages: their timestamps and timestamp types too. */
  List<ConsumerRecord<byte[], byte[]>> readRecords(String topic, long from, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition p = new TopicPartition(topic, 0);
      consumer.assign(List.of(p));
      consumer.seek(p, from);
      long deadline = System.nanoTime() + timeout.toNanos();
      long end = consumer.endOffsets(List.of(p), Duration.ofSeconds(10)).get(p);
      while (System.nanoTime() < deadline && (values.size() < count || consumer.position(p) < end)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r);
        }
        end = Math.max(end, consumer.endOffsets(List.of(p), Duration.ofSeconds(10)).get(p));
      }
    }
    return values;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The last lines of the broker's log, for failure messages. */
  String logTail() {
    return Collector.tail(log, 30);
  }

  /** Stops the broker: SIGTERM, then SIGKILL after 15 s. */
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
    Collector.stop(process, 15);
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook runs, harmlessly
    }
  }
}
