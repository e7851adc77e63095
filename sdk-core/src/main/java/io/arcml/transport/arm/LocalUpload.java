package io.arcml.transport.arm;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A local folder (or file) a job names as its code, a data input or a Docker build context, read
 * for upload as azure-ai-ml reads it: its files less those its ignore file leaves out, and two
 * hashes of them, each the one azure-ai-ml computes for the same purpose.
 *
 * <ul>
 *   <li>{@link #contentHash()}, a code asset's {@code hash_sha256} (hash version {@value
 *       #HASH_VERSION}, azure-ai-ml's {@code get_content_hash}): SHA-256 over the file count, then
 *       {@code #<relative path>#} and the size of each file, then the bytes of each file, files in
 *       the order of their lower-cased relative paths. Azure ML finds a code asset by it.
 *   <li>{@link #objectHash()}, the folder of a datastore upload ({@code LocalUpload/<object hash>/},
 *       azure-ai-ml's {@code get_object_hash}) and the seed of a built environment's version.
 * </ul>
 *
 * Same content, same hashes, so an unchanged folder is uploaded once, by arcml or the CLI.
 */
final class LocalUpload {
    /** azure-ai-ml's version of the content hash scheme, sent beside the hash. */
    static final String HASH_VERSION = "202208";
    /** What azure-ai-ml's {@code get_object_hash} starts from. */
    private static final byte[] OBJECT_HASH_SEED =
            "Initialize for october 2021 AML CLI version".getBytes(StandardCharsets.US_ASCII);

    /** One file: its {@code /}-separated path relative to the folder (its name for a single file), where it is, its size. */
    record File(String relativePath, Path path, long size) {}

    /**
     * How much one upload may hold.
     *
     * @param what what is uploaded, as messages name it
     * @param maxFiles the most files
     * @param maxBytes the most bytes in all
     * @param fix what to do instead when there is more
     */
    record Limits(String what, int maxFiles, long maxBytes, String fix) {
        /** Azure ML's snapshot limits for a job's code: 2,000 files and 300 MB. */
        static final Limits CODE = new Limits(
                "code",
                2_000,
                300L * 1024 * 1024,
                "Leave data, outputs and environments out of the code folder with an .amlignore file,"
                        + " and read data as an input instead");
        /** What arcml uploads for one data input: 100,000 files and 20 GiB, beyond which a dedicated copy tool serves better. */
        static final Limits DATA = new Limits(
                "data",
                100_000,
                20L * 1024 * 1024 * 1024,
                "Upload it once with az ml data create (or azcopy to the datastore) and use azureml:<name>:<version>");
    }

    private final Path root;
    private final boolean folder;
    private final List<File> files;
    private final long size;
    private String contentHash;
    private String objectHash;

    private LocalUpload(Path root, boolean folder, List<File> files) {
        this.root = root;
        this.folder = folder;
        this.files = files;
        this.size = files.stream().mapToLong(File::size).sum();
    }

    /**
     * Reads the folder or file at {@code path} for the job's {@code field}.
     *
     * @throws ValidationException naming the field when the path is missing, empty or over the limits
     */
    static LocalUpload read(Path path, String field, Limits limits) {
        Path root = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(root)) {
            return new LocalUpload(
                            root, false, List.of(new File(root.getFileName().toString(), root, sizeOf(root))))
                    .within(field, limits);
        }
        if (!Files.isDirectory(root)) {
            throw new ValidationException(
                    field,
                    path.toString(),
                    "is no file or folder on this machine (read from " + root + ")",
                    "Give the path of an existing " + limits.what()
                            + " folder, relative to the working directory or to the YAML file");
        }
        IgnoreRules ignore = IgnoreRules.of(root);
        List<File> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (!ignore.excludes(relative)) {
                    files.add(new File(relative, p, sizeOf(p)));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ArcmlException("Cannot read the " + limits.what() + " folder " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ValidationException(
                    field,
                    path.toString(),
                    "has no files to upload" + (ignore.source() == null ? "" : " (after " + ignore + ")"),
                    "Give a folder with the files the job needs");
        }
        files.sort(Comparator.comparing(f -> f.relativePath().toLowerCase(Locale.ROOT)));
        return new LocalUpload(root, true, List.copyOf(files)).within(field, limits);
    }

    private LocalUpload within(String field, Limits limits) {
        if (files.size() > limits.maxFiles() || size > limits.maxBytes()) {
            throw new ValidationException(
                    field,
                    root.toString(),
                    "holds " + files.size() + " files of " + size / (1024 * 1024) + " MiB, over the " + limits.what()
                            + " upload limit of " + limits.maxFiles() + " files and "
                            + limits.maxBytes() / (1024 * 1024) + " MiB",
                    limits.fix());
        }
        return this;
    }

    /** The folder's (or file's) name, under which its files are uploaded. */
    String name() {
        return root.getFileName().toString();
    }

    /** Whether it is a folder (else one file). */
    boolean isFolder() {
        return folder;
    }

    /** The files to upload, in hash order. */
    List<File> files() {
        return files;
    }

    /** The bytes of all its files. */
    long size() {
        return size;
    }

    /** The content hash, 64 hex digits; read from the files on first use. */
    synchronized String contentHash() {
        if (contentHash == null) {
            contentHash = hash(files);
        }
        return contentHash;
    }

    /**
     * The hash azure-ai-ml names a datastore upload by ({@code get_object_hash}), 64 hex digits;
     * read from the files on first use. SHA-256 seeded with the CLI's fixed preamble, then for a
     * file its bytes, for a folder each entry its ignore file keeps, in the order of its lower-cased
     * path: the entry's name, then a file's bytes or a subfolder's entries. Unlike {@link
     * #contentHash()} it counts folders that hold no kept file, as the CLI does.
     */
    synchronized String objectHash() {
        if (objectHash == null) {
            MessageDigest sha = sha256();
            sha.update(OBJECT_HASH_SEED);
            if (folder) {
                hashFolder(sha, root, "", IgnoreRules.of(root));
            } else {
                hashFile(sha, root);
            }
            objectHash = HexFormat.of().formatHex(sha.digest());
        }
        return objectHash;
    }

    /**
     * The file azure-ai-ml marks as uploaded: the first in the order of the files' full paths on
     * this machine (links resolved), compared as the CLI compares them, character by character.
     */
    File indicator() {
        return files.stream()
                .min(Comparator.comparing(f -> real(f.path()).toString().replace('\\', '/')))
                .orElseThrow();
    }

    /** The blob name of {@code file} under {@code prefix}: {@code <prefix><folder name>/<relative path>}, or {@code <prefix><file name>}. */
    String blobName(String prefix, File file) {
        return prefix + (folder ? name() + "/" + file.relativePath() : file.relativePath());
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hashFolder(MessageDigest sha, Path folder, String relative, IgnoreRules ignore) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted(Comparator.comparing(p -> p.toString().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException e) {
            throw new ArcmlException("Cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String path = relative + name;
            if (ignore.excludes(path)) {
                continue;
            }
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(entry)) {
                hashFile(sha, entry);
            } else if (Files.isDirectory(entry)) {
                hashFolder(sha, entry, path + "/", ignore);
            }
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void hashFile(MessageDigest sha, Path file) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ArcmlException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hash(List<File> files) {
        MessageDigest sha = sha256();
        sha.update(Integer.toString(files.size()).getBytes(StandardCharsets.UTF_8));
        for (File f : files) {
            sha.update(("#" + f.relativePath() + "#").getBytes(StandardCharsets.UTF_8));
            sha.update(Long.toString(f.size()).getBytes(StandardCharsets.UTF_8));
        }
        for (File f : files) {
            hashFile(sha, f.path());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public String toString() {
        return (folder ? "folder " : "file ") + root + " (" + files.size() + " files, " + size + " bytes)";
    }
}
