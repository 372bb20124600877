package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.lang.reflect.ReflectPermission;
import java.net.NetPermission;
import java.net.SocketPermission;
import java.net.URI;
import java.security.CodeSource;
import java.security.Permission;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.Map;
import java.util.PropertyPermission;
import java.util.logging.LoggingPermission;

/**
 * A legacy host under a SecurityManager, run in a child JVM by {@link SecurityManagerHostTest}:
 * its policy grants everything, but to tbot-otel's classes and the OpenTelemetry jars it denies the
 * permissions named by the first argument ({@code none}, {@code all}, or kinds joined by {@code +}:
 * {@code getenv}, {@code environment} (only {@code getenv.*}, the whole environment, not one
 * variable), {@code property}, {@code listing} (only listing the properties, {@code
 * PropertyPermission "*"}: one read by its name is granted), {@code thread}, {@code proxy}, {@code
 * connect}, {@code logging}, {@code reflect}), or, with {@code readme}, every permission but those README.md tells
 * a host to grant them. As Elasticsearch's {@code SecureSM} does, modifying any thread is checked,
 * not only the root group's. Resolves consent ({@code yes}: the flag, with the
 * environment the host reads itself; {@code dnt}: the flag and {@code DO_NOT_TRACK=1}), then sends
 * to the endpoint from an instance without debug, prints {@code --- debug} on stderr, sends from
 * one with debug, and renders the preview. Prints what each public call returned or threw.
 */
@SuppressWarnings("removal") // the SecurityManager: still supported on JDK 17 with a warning
public final class SecurityManagerHost {

  private SecurityManagerHost() {}

  public static void main(String[] args) throws Exception {
    String deny = args[0];
    URI endpoint = URI.create(args[2]);
    Map<String, String> env = System.getenv(); // the host's own permission
    DenyPolicy policy = new DenyPolicy(deny, readmeGrants(endpoint));
    // Every class the policy needs, loaded before it decides: class loading asks it too.
    policy.implies(AnonymousAnalytics.class.getProtectionDomain(), new RuntimePermission("warm-up"));
    Policy.setPolicy(policy);
    System.setSecurityManager(new SecurityManager() {
      @Override
      public void checkAccess(Thread t) {
        checkPermission(new RuntimePermission("modifyThread"));
      }

      @Override
      public void checkAccess(ThreadGroup g) {
        checkPermission(new RuntimePermission("modifyThreadGroup"));
      }
    });

    Consent consent;
    try {
      consent = args[1].equals("dnt")
          ? Consent.resolve(true, null, Map.of("DO_NOT_TRACK", "1"))
          : Consent.resolve(true, null, env);
    } catch (Throwable t) {
      System.out.println("host: resolve threw " + t);
      return;
    }
    System.out.println("host: " + consent);
    StartEvent event = StartEvent.builder().setVersion("18.1.0").build();
    send(consent, endpoint, event, false);
    System.err.println("--- debug");
    send(consent, endpoint, event, true);
    try {
      OtlpJson.exportRequest(event);
      System.out.println("host: preview rendered");
    } catch (Throwable t) {
      System.out.println("host: preview threw " + t);
    }
  }

  private static void send(Consent consent, URI endpoint, StartEvent event, boolean debug) {
    String mode = debug ? "debug" : "quiet";
    try {
      AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(consent)
          .setEndpoint(endpoint)
          .setExitTimeout(Duration.ofSeconds(10)) // a loaded machine's cold send; close returns at the outcome
          .setDebug(debug)
          .build();
      analytics.recordStart(event);
      analytics.close();
      System.out.println("host: " + mode + " delivery " + analytics.delivery());
    } catch (Throwable t) {
      System.out.println("host: " + mode + " threw " + t);
    }
  }

  /** What README.md tells a host under a SecurityManager to grant tbot-otel and OpenTelemetry. */
  private static Permissions readmeGrants(URI endpoint) {
    Permissions grants = new Permissions();
    grants.add(new SocketPermission(endpoint.getHost() + ":" + endpoint.getPort(), "connect,resolve"));
    grants.add(new PropertyPermission("*", "read,write"));
    grants.add(new RuntimePermission("getenv.*"));
    grants.add(new NetPermission("getProxySelector"));
    grants.add(new ReflectPermission("suppressAccessChecks"));
    // Only for a SecurityManager that checks every thread, as this host's does.
    grants.add(new RuntimePermission("modifyThread"));
    grants.add(new RuntimePermission("modifyThreadGroup"));
    return grants;
  }

  /** Everything, but {@code deny} to tbot-otel's and OpenTelemetry's code. */
  private static final class DenyPolicy extends Policy {
    private final String deny;
    private final Permissions readme;

    DenyPolicy(String deny, Permissions readme) {
      this.deny = deny;
      this.readme = readme;
    }

    @Override
    public boolean implies(ProtectionDomain domain, Permission permission) {
      if (deny.equals("readme")) {
        return !restricted(domain) || readme.implies(permission);
      }
      return !(restricted(domain) && denied(deny, permission));
    }

    private static boolean restricted(ProtectionDomain domain) {
      CodeSource source = domain.getCodeSource();
      String where = source == null || source.getLocation() == null ? "" : source.getLocation().toString();
      return where.endsWith("/target/classes/") || where.contains("/io/opentelemetry/");
    }

    private static boolean denied(String deny, Permission p) {
      for (String kind : deny.split("\\+", -1)) {
        if (kind.equals("all")
            || kind.equals("getenv") && p instanceof RuntimePermission && p.getName().startsWith("getenv.")
            || kind.equals("environment") && p instanceof RuntimePermission && p.getName().equals("getenv.*")
            || kind.equals("property") && p instanceof PropertyPermission
            || kind.equals("listing") && p instanceof PropertyPermission && p.getName().equals("*")
            || kind.equals("thread") && p instanceof RuntimePermission && p.getName().startsWith("modifyThread")
            || kind.equals("proxy") && p instanceof NetPermission
            || kind.equals("connect") && p instanceof SocketPermission
            || kind.equals("logging") && p instanceof LoggingPermission
            || kind.equals("reflect") && p instanceof ReflectPermission) {
          return true;
        }
      }
      return false;
    }
  }
}
