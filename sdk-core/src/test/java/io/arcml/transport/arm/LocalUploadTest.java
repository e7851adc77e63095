package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUploadTest {
    @TempDir
    Path dir;

    /**
     * The expected value is what azure-ai-ml 1.35.2's own {@code _get_file_list_content_hash} gives
     * for {@code get_upload_files_from_folder} of the same three files, so an asset arcml uploads
     * carries the hash the Azure ML CLI would compute for that folder.
     */
    @Test
    void theContentHashIsAzureMlsCodeHash() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("util"));
        Files.writeString(src.resolve("train.py"), "print('train')");
        Files.writeString(src.resolve("util/helpers.py"), "X = 1");
        Files.writeString(src.resolve("Alpha.txt"), "B");

        LocalUpload upload = LocalUpload.read(src, "code", LocalUpload.Limits.CODE);

        assertThat(upload.files())
                .extracting(LocalUpload.File::relativePath)
                .containsExactly("Alpha.txt", "train.py", "util/helpers.py");
        assertThat(upload.contentHash()).isEqualTo("0240d1d849dba8c44535adcf34548242e8fcb822934159ee3f717f7631bd813d");
        assertThat(upload.blobName("LocalUpload/h/", upload.files().get(2)))
                .isEqualTo("LocalUpload/h/src/util/helpers.py");
    }

    /**
     * The expected values are what azure-ai-ml 1.35.2's {@code get_object_hash} gives for the same
     * content (the datastore folder {@code LocalUpload/<hash>/} the CLI writes it to) and the file
     * its {@code upload_directory} marks as uploaded: the first by full path, upper case before lower.
     */
    @Test
    void theObjectHashAndIndicatorAreTheClisForADatastoreUpload() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.createDirectories(ctx.resolve("b"));
        Files.createDirectories(ctx.resolve("empty"));
        Files.createDirectories(ctx.resolve("logs"));
        Files.createDirectories(ctx.resolve("Zeta"));
        Files.writeString(ctx.resolve("a.csv"), "x,y\n1,2\n");
        Files.writeString(ctx.resolve("b/c.csv"), "3,4\n");
        Files.writeString(ctx.resolve("B.txt"), "upper");
        Files.writeString(ctx.resolve("logs/run.txt"), "old log");
        Files.writeString(ctx.resolve("Zeta/z.py"), "z");
        Files.writeString(ctx.resolve(".amlignore"), "logs/\n");
        Path csv = Files.writeString(dir.resolve("iris.csv"), "sepal,petal\n");

        LocalUpload folder = LocalUpload.read(ctx, "inputs.data", LocalUpload.Limits.DATA);

        assertThat(folder.objectHash()).isEqualTo("b184cc54e32d5316db2627d13ce7d6fb531f550f6f27d369f899843e67b2c09b");
        assertThat(folder.contentHash()).isEqualTo("4600b6d10768c9eb350c76c5bb15ba9f05f4ee7247572758d884cedd2894022f");
        assertThat(folder.indicator().relativePath()).isEqualTo(".amlignore");
        assertThat(LocalUpload.read(csv, "inputs.data", LocalUpload.Limits.DATA).objectHash())
                .isEqualTo("05d62e2ed5a75c4be7e2d19429b2df35508e88dc3b963721f709e3840bdc94cf");
        Files.delete(ctx.resolve(".amlignore"));
        assertThat(LocalUpload.read(ctx, "inputs.data", LocalUpload.Limits.DATA)
                        .indicator()
                        .relativePath())
                .isEqualTo("B.txt");
    }

    @Test
    void ignoredFilesChangeNeitherTheUploadNorItsHash() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("train.py"), "print('train')");
        Files.writeString(src.resolve(".amlignore"), "outputs/\n");
        String before = LocalUpload.read(src, "code", LocalUpload.Limits.CODE).contentHash();
        Files.createDirectories(src.resolve("outputs"));
        Files.writeString(src.resolve("outputs/model.pt"), "weights");

        LocalUpload after = LocalUpload.read(src, "code", LocalUpload.Limits.CODE);

        assertThat(after.contentHash()).isEqualTo(before);
        assertThat(after.files()).extracting(LocalUpload.File::relativePath).containsExactly(".amlignore", "train.py");
    }

    @Test
    void anEmptyFolderIsRefusedNamingTheField() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve(".gitignore"), "*\n");

        assertThatThrownBy(() -> LocalUpload.read(empty, "jobs.train.code", LocalUpload.Limits.CODE))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("jobs.train.code");
                    assertThat(e.getMessage()).contains("has no files to upload", ".gitignore");
                });
    }

    @Test
    void aDataFolderOverTheByteLimitIsRefusedWithTheFix() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("a.bin"), new byte[2048]);
        LocalUpload.Limits tiny = new LocalUpload.Limits("data", 10, 1024, "Use az ml data create");

        assertThatThrownBy(() -> LocalUpload.read(data, "inputs.data", tiny))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("inputs.data");
                    assertThat(e.getMessage()).contains("over the data upload limit", "Use az ml data create");
                });
        assertThat(List.of(LocalUpload.Limits.CODE.maxFiles(), LocalUpload.Limits.DATA.maxFiles()))
                .containsExactly(2_000, 100_000);
    }
}
