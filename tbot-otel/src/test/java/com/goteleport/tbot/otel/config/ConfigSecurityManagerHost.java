package com.goteleport.tbot.otel.config;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Permission;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * A legacy host under a SecurityManager whose policy grants everything but reading files to
 * tbot-otel's classes, run in a child JVM by {@link ConfigSecurityManagerTest}: reads tbot's config
 * at each argument by every public way and prints what each call returned or threw.
 */
@SuppressWarnings("removal") // the SecurityManager: still supported on JDK 17 with a warning
public final class ConfigSecurityManagerHost {

  private ConfigSecurityManagerHost() {}

  public static void main(String[] args) {
    Policy policy = new NoFileReads();
    // Every class the policy needs, loaded before it decides: class loading asks it too.
    policy.implies(TbotConfigReader.class.getProtectionDomain(), new FilePermission("/", "read"));
    Policy.setPolicy(policy);
    System.setSecurityManager(new SecurityManager());
    for (String arg : args) {
      Path path = Path.of(arg);
      try {
        System.out.println("host: read " + TbotConfigReader.read(path));
      } catch (Throwable t) {
        System.out.println("host: read threw " + t);
      }
      try {
        System.out.println("host: source read " + TbotConfigSource.resolve(arg, Map.of()).read());
      } catch (Throwable t) {
        System.out.println("host: source read threw " + t);
      }
      try {
        System.out.println("host: readConsent " + TbotConfigSource.resolve(arg, Map.of()).readConsent());
      } catch (Throwable t) {
        System.out.println("host: readConsent threw " + t);
      }
    }
  }

  /** Everything, but reading files to tbot-otel's own classes. */
  private static final class NoFileReads extends Policy {
    @Override
    public boolean implies(ProtectionDomain domain, Permission permission) {
      CodeSource source = domain.getCodeSource();
      String where = source == null || source.getLocation() == null ? "" : source.getLocation().toString();
      return !(where.endsWith("/target/classes/") && permission instanceof FilePermission);
    }
  }
}
