package com.goteleport.tbot.otel.internal.export;

import io.opentelemetry.sdk.common.export.Compressor;
import java.io.OutputStream;

/**
 * A host's own {@link Compressor}, found by the ServiceLoader where {@link HostCompressorTest} lists
 * it: says so when constructed. tbot-otel's send must never construct it (host code on the
 * analytics thread, which a broken provider would fail).
 */
public final class LoudCompressor implements Compressor {

  public LoudCompressor() {
    System.out.println("host compressor constructed on " + Thread.currentThread().getName());
  }

  @Override
  public String getEncoding() {
    return "loud";
  }

  @Override
  public OutputStream compress(OutputStream out) {
    return out;
  }
}
