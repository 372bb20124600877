package com.goteleport.tbot.otel.cli;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory seen through a file system that counts the files opened for reading in it: given to
 * {@link SystemFiles#setRoot} (as {@link #root()}), it tells how often exec read each machine file.
 * Reading only: anything else it refuses.
 */
final class CountedFiles extends FileSystemProvider {

  private final FileSystemProvider real = FileSystems.getDefault().provider();
  private final Path dir;
  private final View view = new View();
  private final Map<Path, AtomicInteger> opened = new ConcurrentHashMap<>();

  CountedFiles(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The directory, as seen through this file system. */
  Path root() {
    return wrap(dir);
  }

  /** How many times {@code file} (relative: {@code etc/passwd}) was opened for reading so far. */
  int opened(String file) {
    AtomicInteger count = opened.get(dir.resolve(file));
    return count == null ? 0 : count.get();
  }

  private Path wrap(Path path) {
    return (Path) Proxy.newProxyInstance(
        CountedFiles.class.getClassLoader(), new Class<?>[] {Path.class}, new Seen(path));
  }

  private static Path unwrap(Path path) {
    return Proxy.isProxyClass(path.getClass()) && Proxy.getInvocationHandler(path) instanceof Seen seen
        ? seen.path
        : path;
  }

  /** A path of the default file system, in this one: what it returns is too. */
  private final class Seen implements InvocationHandler {
    final Path path;

    Seen(Path path) {
      this.path = path;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("getFileSystem")) {
        return view;
      }
      Object[] real = args == null ? null : args.clone();
      for (int i = 0; real != null && i < real.length; i++) {
        real[i] = real[i] instanceof Path p ? unwrap(p) : real[i];
      }
      Object result;
      try {
        result = method.invoke(path, real);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      return result instanceof Path p ? wrap(p) : result;
    }
  }

  @Override
  public String getScheme() {
    return "counted";
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      throw new UnsupportedOperationException("reading only");
    }
    opened.computeIfAbsent(unwrap(path), p -> new AtomicInteger()).incrementAndGet();
    return real.newByteChannel(unwrap(path), options, attrs);
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    real.checkAccess(unwrap(path), modes);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    return real.readAttributes(unwrap(path), type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    return real.readAttributes(unwrap(path), attributes, options);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    return real.getFileAttributeView(unwrap(path), type, options);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return real.isSameFile(unwrap(path), unwrap(path2));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return real.isHidden(unwrap(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return real.getFileStore(unwrap(path));
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Path getPath(URI uri) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delete(Path path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw new UnsupportedOperationException();
  }

  /** The file system the paths belong to: this provider's. */
  private final class View extends FileSystem {

    @Override
    public FileSystemProvider provider() {
      return CountedFiles.this;
    }

    @Override
    public Path getPath(String first, String... more) {
      return wrap(FileSystems.getDefault().getPath(first, more));
    }

    @Override
    public String getSeparator() {
      return FileSystems.getDefault().getSeparator();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public boolean isReadOnly() {
      return true;
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
      return FileSystems.getDefault().supportedFileAttributeViews();
    }

    @Override
    public void close() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
      throw new UnsupportedOperationException();
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
      throw new UnsupportedOperationException();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
      throw new UnsupportedOperationException();
    }

    @Override
    public WatchService newWatchService() {
      throw new UnsupportedOperationException();
    }
  }
}
