package com.goteleport.tbot.otel.testing;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * A skipped test is a test that cannot fail, so CI treats any skip as a failure: this extension,
 * registered for every test of each module by its JUnit configuration (a {@code
 * junit-platform.properties}, or tbot-otel's pom), which also switches off every JUnit condition
 * (so {@code @EnabledIf}/{@code @DisabledOnOs} and the like run), fails a test marked
 * {@code @Disabled} and turns an assumption that did not hold into a failure.
 */
public final class NoSkips implements BeforeAllCallback, BeforeEachCallback, TestExecutionExceptionHandler,
    LifecycleMethodExecutionExceptionHandler {

  @Override
  public void beforeAll(ExtensionContext context) {
    refuseDisabled(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    refuseDisabled(context);
  }

  private static void refuseDisabled(ExtensionContext context) {
    context.getElement().filter(e -> AnnotationSupport.isAnnotated(e, Disabled.class)).ifPresent(e -> {
      throw new AssertionError("@Disabled on " + e + ": a skipped test cannot fail; fix or delete it");
    });
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw noAbort(t);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw noAbort(t);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw noAbort(t);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw noAbort(t);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw noAbort(t);
  }

  private static Throwable noAbort(Throwable t) {
    return t instanceof TestAbortedException
        ? new AssertionError("an assumption did not hold, which would skip the test: " + t.getMessage(), t)
        : t;
  }
}
