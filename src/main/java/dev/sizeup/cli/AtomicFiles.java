package dev.sizeup.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import dev.sizeup.spec.Inputs;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * a temporary file beside the target, synced to disk, then renamed over it. The new file gets the
 * usual permissions (the umask's, or the replaced file's), not a temporary file's 0600.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Why a file could not be written, in the user's terms (permissions, a missing folder, a full disk). */
  static final class WriteError extends Exception {
    private static final long serialVersionUID = 1L;

    WriteError(String message) {
      super(message);
    }
  }

  static void write(Path target, String content) throws WriteError {
    Path dir = target.toAbsolutePath().getParent();
    String shown = target.getParent() == null ? "." : Inputs.display(target.getParent());
    if (Files.isDirectory(target)) {
      throw new WriteError("is a directory");
    }
    if (dir == null || !Files.exists(dir)) {
      throw new WriteError("its folder " + shown + " does not exist (create it first)");
    }
    if (!Files.isDirectory(dir)) {
      throw new WriteError("its folder " + shown + " is a file");
    }
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      keepPermissions(target, tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } catch (AccessDeniedException e) {
      throw new WriteError("permission denied");
    } catch (FileSystemException e) {
      throw new WriteError(e.getReason() == null ? "cannot write" : e.getReason());
    } catch (IOException e) {
      throw new WriteError(e.getMessage() == null ? "cannot write" : e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file is already gone or cannot be removed; the target is intact either way
      }
    }
  }

  /** A replaced file keeps its permissions. */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (from != null && to != null && Files.exists(target)) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }

  /** Makes the rename durable; file systems that cannot sync a directory are left as they are. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every platform can open a directory for syncing
    }
  }
}
