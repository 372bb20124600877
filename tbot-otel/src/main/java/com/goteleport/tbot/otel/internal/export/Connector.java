package com.goteleport.tbot.otel.internal.export;

import static com.goteleport.tbot.otel.internal.export.HttpLines.readLine;
import static com.goteleport.tbot.otel.internal.export.HttpLines.skipHeaders;
import static com.goteleport.tbot.otel.internal.export.HttpLines.statusCode;
import static com.goteleport.tbot.otel.internal.export.HttpLines.timeoutMillis;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the one connection to the collector: the proxy chosen for the endpoint (HTTP proxies only,
 * CONNECT for https), TCP, then TLS with the certificate chain and host name verified. Every read,
 * the TLS handshake's and the proxy's included, waits at most what is left of one deadline; the
 * socket is registered with {@link InFlight} from the start, so the host's exit can abort it.
 */
final class Connector {

  /**
   * How the message of a failure of the proxy itself starts (a name that does not resolve, a
   * CONNECT refused), which FailureHints reads.
   */
  static final String PROXY_HOST = "proxy ";

  /**
   * How the message of a failure to load the trust store starts (javax.net.ssl.trustStore names a
   * file that is no key store, or javax.net.ssl.trustStorePassword is wrong), which FailureHints
   * reads; the JDK's own words follow.
   */
  static final String TRUST_STORE_UNUSABLE = "the trust store cannot be used: ";

  private final URI endpoint;
  private final boolean https;
  private final String host;
  private final int port;
  @Nullable private final ProxySelector proxySelector;
  private final long connectTimeoutNanos;
  private final InFlight inFlight;
  // Go's dialer gives each address at least this much of the time left (its "saneMinimum").
  private static final long MIN_ATTEMPT_NANOS = TimeUnit.SECONDS.toNanos(2);

  Connector(URI endpoint, @Nullable ProxySelector proxySelector, long connectTimeoutNanos, InFlight inFlight) {
    this.endpoint = endpoint;
    this.https = "https".equalsIgnoreCase(endpoint.getScheme());
    this.host = bareHost(endpoint.getHost());
    this.port = endpoint.getPort() != -1 ? endpoint.getPort() : https ? 443 : 80;
    this.proxySelector = proxySelector;
    this.connectTimeoutNanos = connectTimeoutNanos;
    this.inFlight = inFlight;
  }

  /**
   * An open connection, and what the request line and {@code Host} header must say on it; and, for
   * plain http through a proxy that wants credentials, its {@code Proxy-Authorization}.
   */
  static final class Connection {
    final Socket socket; // closing it closes the TLS layer too
    final Socket channel; // where the request goes: the TLS socket for https
    final String requestTarget;
    final String hostHeader;
    @Nullable final String proxyAuthorization;
    final boolean throughProxy; // plain http through a proxy, which answers for the collector
    private final InFlight inFlight;

    Connection(Socket socket, Socket channel, String requestTarget, String hostHeader,
        @Nullable String proxyAuthorization, boolean throughProxy, InFlight inFlight) {
      this.socket = socket;
      this.channel = channel;
      this.requestTarget = requestTarget;
      this.hostHeader = hostHeader;
      this.proxyAuthorization = proxyAuthorization;
      this.throughProxy = throughProxy;
      this.inFlight = inFlight;
    }

    /** Marks the request as written: what is left is the answer. */
    void written() {
      inFlight.step(InFlight.Step.REQUEST_WRITTEN);
    }

    /** Marks the answer as read: what is left is the send's own end. */
    void answered() {
      inFlight.step(InFlight.Step.ANSWERED);
    }

    /** Closes it and forgets it in {@link InFlight}. Never throws. */
    void close() {
      inFlight.unregister();
      try {
        socket.close();
      } catch (IOException ignored) {
        // abandoning it anyway
      }
    }
  }

  /** Whether the host's exit aborted the send this connection is for. */
  boolean aborted() {
    return inFlight.aborted();
  }

  /** Connects by {@code deadline} ({@link System#nanoTime}); the caller closes what it gets. */
  Connection open(long deadline) throws IOException {
    Proxy proxy = proxyFor(endpoint, proxySelector);
    @Nullable String refused = refusal(proxy);
    if (refused != null) {
      throw new IOException(refused);
    }
    @Nullable String proxyAuthorization =
        proxy instanceof EnvProxySelector.HttpProxy ? ((EnvProxySelector.HttpProxy) proxy).authorization() : null;
    @Nullable InetSocketAddress proxyAddress =
        proxy.type() == Proxy.Type.DIRECT ? null : (InetSocketAddress) proxy.address();
    Socket socket;
    try {
      socket = proxyAddress != null
          ? connect(bareHost(proxyAddress.getHostString()), proxyAddress.getPort(), deadline,
              InFlight.Step.CONNECTING_TO_PROXY)
          : connect(host, port, deadline, InFlight.Step.CONNECTING);
    } catch (IOException e) {
      if (proxyAddress != null && proxySelector != null) {
        proxySelector.connectFailed(endpoint, proxyAddress, e);
      }
      if (proxyAddress != null && e instanceof UnknownHostException) {
        // The proxy's name, not the collector's: said so (no host name holds a space), for the hint;
        // as its debug line names it (a setting of one word may be a secret). Not chained: the
        // cause's message holds the name.
        throw new UnknownHostException(PROXY_HOST + (proxySelector instanceof EnvProxySelector
            ? ((EnvProxySelector) proxySelector).unresolved(endpoint, e.getMessage())
            : e.getMessage()));
      }
      throw e;
    }
    boolean done = false;
    try {
      socket.setTcpNoDelay(true);
      Socket channel = socket;
      if (https) {
        if (proxyAddress != null) {
          inFlight.step(InFlight.Step.TUNNELLING);
          tunnel(socket, proxyAuthorization);
        }
        inFlight.step(InFlight.Step.TLS_HANDSHAKE);
        channel = tls(socket);
      }
      // Through a plain-HTTP proxy the request line names the whole URL; otherwise path and query.
      String requestTarget = proxyAddress != null && !https ? endpoint.toString() : pathAndQuery();
      String hostHeader = port == (https ? 443 : 80) ? bracketed(host) : authority(host, port);
      done = true;
      inFlight.step(InFlight.Step.CONNECTED);
      return new Connection(socket, channel, requestTarget, hostHeader,
          proxyAddress != null && !https ? proxyAuthorization : null, proxyAddress != null && !https, inFlight);
    } finally {
      if (!done) {
        inFlight.unregister();
        socket.close();
      }
    }
  }

  /**
   * A socket connected to one of the addresses {@code host} has, registered with {@link InFlight}:
   * each is tried in turn, as Go's dialer (tbot's) does, so one address that refuses or never
   * answers does not fail the send while another works. Each attempt gets an equal share of the
   * time left, but at least 2 s when that much is left (Go's rule).
   */
  private Socket connect(String host, int port, long deadline, InFlight.Step connecting) throws IOException {
    long connectDeadline = Math.min(deadline, System.nanoTime() + connectTimeoutNanos);
    Socket socket = new DeadlineSocket(deadline);
    inFlight.register(socket); // before the look-up: an abort meanwhile closes it
    InetAddress[] addresses;
    // An IP literal is parsed, not looked up: nothing native to wait for.
    boolean lookUp = EnvProxySelector.ipLiteral(host) == null;
    try {
      if (lookUp) {
        inFlight.step(InFlight.Step.LOOKING_UP);
        inFlight.lookupStarting();
        if (inFlight.aborted()) { // an abort since register() would not stop the look-up
          throw new IOException("aborted: the exit budget is spent");
        }
      }
      addresses = InetAddress.getAllByName(host);
    } catch (Throwable e) { // an Error too: see below
      inFlight.unregister();
      socket.close();
      throw e;
    } finally {
      if (lookUp) {
        inFlight.lookupEnded();
      }
    }
    inFlight.step(connecting);
    for (int i = 0; ; i++) {
      long now = System.nanoTime();
      long share = (connectDeadline - now) / (addresses.length - i);
      long attemptDeadline = Math.min(connectDeadline, now + Math.max(share, MIN_ATTEMPT_NANOS));
      try {
        socket.connect(new InetSocketAddress(addresses[i], port), timeoutMillis(attemptDeadline));
        return socket;
      } catch (Throwable e) {
        // An Error too (a full heap as the connect times out): a socket left registered stays
        // reachable from the host's AnonymousAnalytics, its descriptor open, once the send is over.
        inFlight.unregister();
        socket.close();
        if (e instanceof Error || i == addresses.length - 1 || inFlight.aborted()
            || connectDeadline - System.nanoTime() <= 0) {
          throw e;
        }
      }
      socket = new DeadlineSocket(deadline); // a socket that failed to connect cannot be reused
      inFlight.register(socket);
    }
  }

  /** The proxy a connection to {@code endpoint} goes through: {@link Proxy#NO_PROXY} for none. */
  static Proxy proxyFor(URI endpoint, @Nullable ProxySelector proxySelector) {
    if (proxySelector == null) {
      return Proxy.NO_PROXY;
    }
    List<Proxy> proxies = proxySelector.select(endpoint);
    return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
  }

  /**
   * Why {@code proxy} cannot be used, or {@code null} if it can (direct, or an HTTP proxy). Never
   * a reason to go direct instead: that would bypass a proxy the host relies on (and may leak where
   * it runs).
   */
  @Nullable
  static String refusal(Proxy proxy) {
    if (proxy instanceof EnvProxySelector.UnusableProxy) {
      return ((EnvProxySelector.UnusableProxy) proxy).reason();
    }
    if (proxy.type() == Proxy.Type.DIRECT
        || proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
      return null;
    }
    return "unsupported proxy type: " + proxy.type();
  }

  /**
   * Opens a CONNECT tunnel through an HTTP proxy. Only a 200 opens it, as in Go's Transport (tbot's
   * client): any other answer, another 2xx included, fails before anything more is written. The
   * 200's headers are skipped (at most 16 KiB of them), a {@code Content-Length} among them ignored
   * (RFC 9110 9.3.6; Go reads no body either): what follows is the collector's TLS.
   */
  private void tunnel(Socket socket, @Nullable String proxyAuthorization) throws IOException {
    String authority = authority(host, port);
    OutputStream out = socket.getOutputStream();
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
            + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n")
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    int status = statusCode(readLine(socket));
    if (status != 200) {
      throw new IOException(PROXY_HOST + "refused CONNECT: " + status);
    }
    skipHeaders(socket);
  }

  private SSLSocket tls(Socket socket) throws IOException {
    SSLContext context;
    try {
      // The JVM's trust store (cacerts, or javax.net.ssl.trustStore as set now), in a context of
      // its own. Not SSLContext.getDefault(): that is built once per JVM, so building it here
      // would fix the host's TLS settings before the host may have made them; and it holds the
      // host's client certificate (javax.net.ssl.keyStore), which would identify the host to any
      // collector that asks for one. No key managers: this connection never presents one.
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      try {
        trust.init((KeyStore) null);
      } catch (KeyStoreException e) {
        // The store javax.net.ssl.trustStore names could not be loaded. The JDK's reason is this
        // exception's cause ("keystore password was incorrect"; a PEM file's "toDerInputStream
        // rejects tag type 45"), under its own "problem accessing trust store": the line must carry it.
        throw new IOException(TRUST_STORE_UNUSABLE + reason(e), e);
      }
      context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
    } catch (GeneralSecurityException e) { // no TLS in this runtime (a FIPS provider without the algorithm)
      throw new IOException("no TLS: " + e, e);
    }
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    ssl.setSSLParameters(params);
    ssl.startHandshake(); // bounded: its reads go through the DeadlineSocket underneath
    return ssl;
  }

  /** The message of {@code e}'s cause, else its own, on one line. */
  private static String reason(KeyStoreException e) {
    Throwable cause = e.getCause();
    String message = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
    return message.replace('\n', ' ');
  }

  private String pathAndQuery() {
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    return endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
  }

  /** {@code host:port}, an IPv6 literal in brackets: {@code [2001:db8::1]:443}. */
  static String authority(String host, int port) {
    return bracketed(bareHost(host)) + ":" + port;
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The host without the brackets {@link URI#getHost} keeps around an IPv6 literal. */
  static String bareHost(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  /**
   * A plain socket whose every read, including those a TLS layer on top of it makes during the
   * handshake, waits at most what is left of the deadline: a socket timeout alone bounds each read,
   * not their sum, so a peer sending a byte now and then could otherwise hold the send for ever.
   */
  private static final class DeadlineSocket extends Socket {
    private final long deadline;

    DeadlineSocket(long deadline) {
      super(Proxy.NO_PROXY);
      this.deadline = deadline;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          setSoTimeout(timeoutMillis(deadline));
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          setSoTimeout(timeoutMillis(deadline));
          return super.read(b, off, len);
        }
      };
    }
  }
}
