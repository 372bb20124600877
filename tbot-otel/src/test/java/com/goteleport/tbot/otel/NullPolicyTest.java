package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.config.TbotConfig;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.internal.export.InFlight;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every package-info promises: unless a parameter is marked {@link Nullable}, a null argument
 * to a public constructor or method causes a {@link NullPointerException}. Each is called once per
 * reference parameter, with null there and a harmless value everywhere else (consent is always
 * denied, so nothing is sent).
 */
class NullPolicyTest {

  private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

  /** A harmless value of each parameter type the public API takes. */
  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(String.class, "x"),
      Map.entry(String[].class, new String[0]),
      Map.entry(Boolean.class, Boolean.TRUE),
      Map.entry(Object.class, new Object()),
      Map.entry(Map.class, Map.of()),
      Map.entry(Path.class, Path.of("no-such-dir", "tbot.yaml")),
      Map.entry(URI.class, URI.create("http://127.0.0.1:9/v1/logs")),
      Map.entry(Duration.class, Duration.ofMillis(1)),
      Map.entry(PrintStream.class, SINK),
      Map.entry(CompletionStage.class, CompletableFuture.completedFuture(Boolean.TRUE)),
      Map.entry(Consent.class, Consent.denied()),
      Map.entry(StartEvent.class, StartEvent.builder().build()),
      Map.entry(DestinationCounts.class, DestinationCounts.NONE),
      Map.entry(RunMode.class, RunMode.ONE_SHOT),
      Map.entry(Attribute.class, Attribute.RUN_MODE),
      Map.entry(InFlight.class, new InFlight()));

  /** An instance of each public type with instance methods that take references. */
  private static Object receiver(Class<?> type) throws Exception {
    if (type == AnonymousAnalytics.class) {
      return AnonymousAnalytics.builder().build();
    } else if (type == AnonymousAnalytics.Builder.class) {
      return AnonymousAnalytics.builder();
    } else if (type == StartEvent.Builder.class) {
      return StartEvent.builder();
    } else if (type == TbotConfig.class) {
      return TbotConfig.EMPTY;
    } else if (type == TbotConfigSource.class) {
      return TbotConfigSource.resolve(null, Map.of());
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    Object sample = SAMPLES.get(type);
    if (sample == null) {
      throw new AssertionError("NullPolicyTest needs an instance of " + type.getName());
    }
    return sample;
  }

  private static Object sample(Class<?> type, Executable where) {
    if (type == boolean.class) {
      return false;
    } else if (type == int.class) {
      return 0;
    } else if (type == long.class) {
      return 0L;
    }
    if (!SAMPLES.containsKey(type)) {
      throw new AssertionError("NullPolicyTest needs a sample " + type.getName() + " for " + where);
    }
    return SAMPLES.get(type);
  }

  /** The public types and their public nested types, the internal ones included. */
  private static List<Class<?>> types() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    for (String name : PublicApiTest.publicTopLevelTypes()) {
      Class<?> type = Class.forName(name);
      types.add(type);
      for (Class<?> nested : type.getDeclaredClasses()) {
        if (Modifier.isPublic(nested.getModifiers())) {
          types.add(nested);
        }
      }
    }
    return types;
  }

  private static List<Executable> publicExecutables(Class<?> type) {
    List<Executable> all = new ArrayList<>(List.of(type.getConstructors()));
    for (Method m : type.getDeclaredMethods()) {
      boolean objectContract = m.getName().equals("equals") && m.getParameterCount() == 1;
      // main exits the JVM; the null policy of the CLI is tested through run.
      boolean main = m.getName().equals("main");
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !objectContract && !main) {
        all.add(m);
      }
    }
    return all;
  }

  @Test
  void aNullArgumentIsRefusedUnlessMarkedNullable() throws Exception {
    List<String> accepted = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : types()) {
      for (Executable e : publicExecutables(type)) {
        Parameter[] params = e.getParameters();
        for (int i = 0; i < params.length; i++) {
          if (params[i].getType().isPrimitive() || params[i].isAnnotationPresent(Nullable.class)) {
            continue;
          }
          Object[] args = new Object[params.length];
          for (int j = 0; j < params.length; j++) {
            args[j] = j == i ? null : sample(params[j].getType(), e);
          }
          checked++;
          Throwable thrown = call(type, e, args);
          if (!(thrown instanceof NullPointerException)) {
            accepted.add(e + " with null " + params[i].getName() + ": " + (thrown == null ? "no exception" : thrown));
          }
        }
      }
    }
    assertTrue(checked > 30, "the test reaches the API: " + checked + " calls");
    assertEquals(List.of(), accepted, "check these with requireNonNull, or mark the parameter @Nullable and say why");
  }

  @Nullable
  private static Throwable call(Class<?> type, Executable e, Object[] args) throws Exception {
    try {
      if (e instanceof Constructor) {
        ((Constructor<?>) e).newInstance(args);
      } else if (Modifier.isStatic(e.getModifiers())) {
        ((Method) e).invoke(null, args);
      } else {
        ((Method) e).invoke(receiver(type), args);
      }
      return null;
    } catch (InvocationTargetException thrown) {
      return thrown.getCause();
    }
  }
}
