package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.TOKEN;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.DockerBuild;
import io.arcml.job.JobInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local code folders and local data inputs on Azure: uploaded over the Blob REST API to what ARM
 * hands out (a code asset's pending upload, workspaceblobstore), reused by content hash, with
 * the SAS and the management token each kept where they belong.
 */
class ArmUploadsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";
    private static final String CODE_SAS = "sv=2023-11-03&sr=c&sp=rcw&se=2030-01-01T00%3A00%3A00Z&sig=codeSasSecret%3D";
    private static final String DATA_SAS = "sv=2023-11-03&sr=c&sp=racwl&sig=dataSasSecret%3D";
    private static final String ACCOUNT_KEY =
            Base64.getEncoder().encodeToString("account-key-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private final BlobEmulator blob = new BlobEmulator();
    private ArmControlPlane cp;

    @BeforeEach
    void setUp() {
        ArmEmulator arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        wm.stubFor(WireMock.any(urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/environments/arcml-x/versions/1\"}")));
        wm.stubFor(put(urlPathMatching(".*/jobs/[^/]+"))
                .willReturn(json(201, "{\"properties\":{\"status\":\"NotStarted\"}}")));
        arm.stubCodeUpload("https://acct.blob.core.windows.net/code-1?" + CODE_SAS);
        cp = arm.builder().httpClient(blob.routing(HttpClient.createDefault())).build();
    }

    @AfterEach
    void tearDown() {
        blob.close();
    }

    @Test
    void aLocalCodeFolderIsUploadedAsAnAnonymousCodeAssetNamedByItsContent() throws IOException {
        Path src = folder(
                "src",
                Map.of(
                        "train.py", "print('train')",
                        "util/helpers.py", "X = 1",
                        "model.ckpt", "big weights",
                        "logs/run.txt", "old log",
                        ".amlignore", "*.ckpt\nlogs/\n",
                        ".gitignore", "*.py\n"));
        blob.requireSas("sig=codeSasSecret");

        cp.submitJob("gpu", job().code(src).build().toSpec());

        assertThat(blob.violations()).isEmpty();
        assertThat(blob.blobs().keySet())
                .as(".amlignore decides, not .gitignore")
                .containsExactlyInAnyOrder(
                        "/code-1/src/train.py",
                        "/code-1/src/util/helpers.py",
                        "/code-1/src/.amlignore",
                        "/code-1/src/.gitignore");
        String hash = LocalUpload.read(src, "code", LocalUpload.Limits.CODE).contentHash();
        String codePath = WORKSPACE_PATH + "/codes/" + hash + "/versions/1";
        assertThat(wm.findAll(WireMock.getRequestedFor(urlPathEqualTo(WORKSPACE_PATH + "/codes/" + hash + "/versions"))
                        .withQueryParam("hash", WireMock.equalTo(hash))
                        .withQueryParam("hashVersion", WireMock.equalTo("202208"))))
                .as("a code asset of the same content is looked for under any name first, as the CLI does")
                .hasSize(1);
        assertThat(blob.metadata("/code-1/src/.amlignore"))
                .as("the first file by path is marked, naming the code asset")
                .containsEntry("upload_status", "completed")
                .containsEntry("name", hash)
                .containsEntry("version", "1");
        JsonNode pending = body(postRequestedFor(urlPathEqualTo(codePath + "/startPendingUpload")));
        assertThat(pending.path("pendingUploadType").asText()).isEqualTo("TemporaryBlobReference");
        JsonNode code = body(putRequestedFor(urlPathEqualTo(codePath))).path("properties");
        assertThat(code.path("codeUri").asText()).isEqualTo("https://acct.blob.core.windows.net/code-1/src");
        assertThat(code.path("isAnonymous").asBoolean()).isTrue();
        assertThat(code.path("properties").path("hash_sha256").asText()).isEqualTo(hash);
        assertThat(code.path("properties").path("hash_version").asText()).isEqualTo("202208");
        assertThat(jobBody().path("codeId").asText()).isEqualTo(codePath);
    }

    @Test
    void anUnchangedCodeFolderIsReusedWithOneGetAndNoBlobWrite() throws IOException {
        Path src = folder("src", Map.of("train.py", "print('train')"));
        String hash = LocalUpload.read(src, "code", LocalUpload.Limits.CODE).contentHash();
        // The CLI names an anonymous code asset by a random UUID: found by its hash all the same.
        String codePath = WORKSPACE_PATH + "/codes/0b5b5d1c-59b5-4e66-a3f5-1f4b1a9e7c11/versions/1";
        String list = WORKSPACE_PATH + "/codes/" + hash + "/versions";
        wm.stubFor(get(urlPathEqualTo(list))
                .withQueryParam("hash", WireMock.equalTo(hash))
                .withQueryParam("hashVersion", WireMock.equalTo("202208"))
                .willReturn(json(200, "{\"value\":[{\"id\":\"" + codePath + "\"}]}")));

        cp.submitJob("gpu", job().code(src).build().toSpec());
        cp.submitJob("gpu", job().name("again").code(src).build().toSpec());

        assertThat(blob.requests()).isEmpty();
        assertThat(wm.findAll(postRequestedFor(urlPathMatching(".*/startPendingUpload"))))
                .isEmpty();
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/codes/.*")))).isEmpty();
        assertThat(wm.findAll(WireMock.getRequestedFor(urlPathEqualTo(list))))
                .as("one GET, then the ID is kept")
                .hasSize(1);
        assertThat(jobBody().path("codeId").asText()).isEqualTo(codePath);
    }

    @Test
    void aChangedFileIsANewCodeAsset() throws IOException {
        Path src = folder("src", Map.of("train.py", "print('train')"));
        String before = LocalUpload.read(src, "code", LocalUpload.Limits.CODE).contentHash();
        Files.writeString(src.resolve("train.py"), "print('train v2')");
        String after = LocalUpload.read(src, "code", LocalUpload.Limits.CODE).contentHash();
        assertThat(after).isNotEqualTo(before).hasSize(64);
    }

    @Test
    void aLocalDataFolderIsUploadedToWorkspaceBlobStoreOnceAndSentAsItsUri() throws IOException {
        Path data = folder("data", Map.of("a.csv", "x,y\n1,2\n", "b/c.csv", "3,4\n", "B.txt", "upper"));
        Files.createDirectories(data.resolve("empty"));
        stubDatastore("AccountKey", "{\"secretsType\":\"AccountKey\",\"key\":\"" + ACCOUNT_KEY + "\"}");
        blob.requireSas("sr=c");

        cp.submitJob("gpu", dataJob(JobInput.uriFolder(data)).build().toSpec());

        // What azure-ai-ml 1.35.2 names this folder's upload (get_object_hash): the CLI and arcml share it.
        String hash = "4ff696b7eb41b2dccc7450160205fda637fe93a3d56ccf5f9cb6a538d96968cc";
        String prefix = "/workspace-blobs/LocalUpload/" + hash + "/data/";
        assertThat(blob.violations()).isEmpty();
        assertThat(blob.blobs().keySet())
                .containsExactlyInAnyOrder(prefix + "a.csv", prefix + "b/c.csv", prefix + "B.txt");
        assertThat(new String(blob.blobs().get(prefix + "b/c.csv"), StandardCharsets.UTF_8))
                .isEqualTo("3,4\n");
        assertThat(blob.metadata(prefix + "B.txt"))
                .as("the CLI's indicator: the first file by path, upper case first")
                .containsEntry("upload_status", "completed");
        assertThat(blob.requests().get(0).query())
                .as("an account key becomes a container SAS signed on this machine")
                .contains("sr=c", "sp=rcw", "spr=https", "sig=")
                .doesNotContain(ACCOUNT_KEY);
        assertThat(jobBody().path("inputs").path("data").path("uri").asText())
                .isEqualTo("azureml://datastores/workspaceblobstore/paths/LocalUpload/" + hash + "/data/");

        int writes = blob.requests().size();
        cp.submitJob(
                "gpu", dataJob(JobInput.uriFolder(data)).name("again").build().toSpec());
        assertThat(blob.requests().subList(writes, blob.requests().size()))
                .as("unchanged data: one HEAD of its completion mark, no write")
                .extracting(BlobEmulator.Request::method)
                .containsExactly("HEAD");
    }

    @Test
    void dataGoesToWorkspaceBlobStoreAsTheCliSendsItEvenWhenAnotherDatastoreIsTheDefault() throws IOException {
        Path csv = Files.writeString(dir.resolve("iris.csv"), "sepal,petal\n");
        stubDatastore("Sas", "{\"secretsType\":\"Sas\",\"sasToken\":\"?" + DATA_SAS + "\"}");
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/datastores"))
                .withQueryParam("isDefault", WireMock.equalTo("true"))
                .willReturn(json(
                        200,
                        "{\"value\":[{\"name\":\"lake\",\"properties\":{\"datastoreType\":\"AzureDataLakeGen2\","
                                + "\"accountName\":\"lake\",\"filesystem\":\"data\",\"isDefault\":true,"
                                + "\"credentials\":{\"credentialsType\":\"None\"}}}]}")));

        cp.submitJob("gpu", dataJob(JobInput.uriFile(csv)).build().toSpec());

        assertThat(jobBody().path("inputs").path("data").path("uri").asText())
                .startsWith("azureml://datastores/workspaceblobstore/paths/LocalUpload/");
        assertThat(wm.findAll(WireMock.getRequestedFor(urlPathEqualTo(WORKSPACE_PATH + "/datastores"))
                        .withQueryParam("isDefault", WireMock.equalTo("true"))))
                .isEmpty();
    }

    @Test
    void aLocalDockerContextIsUploadedToWorkspaceBlobStoreAndRegisteredAsAnAnonymousBuiltEnvironment()
            throws IOException {
        Path context = folder("docker-context", Map.of("Dockerfile", "FROM python:3.11\n", "req.txt", "numpy\n"));
        stubDatastore("AccountKey", "{\"secretsType\":\"AccountKey\",\"key\":\"" + ACCOUNT_KEY + "\"}");

        cp.submitJob(
                "gpu",
                CommandJob.builder()
                        .name("built-1")
                        .dockerBuild(DockerBuild.local(context))
                        .command("python main.py")
                        .build()
                        .toSpec());

        // What azure-ai-ml 1.35.2 gives for this context: its object hash and the environment's version.
        String hash = "a93bb4c4b803cf383a4743e4a56ed0e190b22c8bf3365734fafe40ed401c8700";
        String version = "15ffa78c0b538210ce26737e387d60a9cf7aa2786be5ba0eee4bc5bec73bcefc";
        String prefix = "/workspace-blobs/LocalUpload/" + hash + "/docker-context/";
        assertThat(blob.violations()).isEmpty();
        assertThat(blob.blobs().keySet()).containsExactlyInAnyOrder(prefix + "Dockerfile", prefix + "req.txt");
        assertThat(blob.metadata(prefix + "Dockerfile"))
                .containsEntry("upload_status", "completed")
                .containsEntry("name", "CliV2AnonymousEnvironment")
                .containsEntry("version", version);
        List<LoggedRequest> envPuts = wm.findAll(putRequestedFor(urlPathMatching(".*/environments/.*")));
        assertThat(envPuts).hasSize(1);
        assertThat(envPuts.get(0).getUrl())
                .contains("/environments/CliV2AnonymousEnvironment/versions/" + version + "?");
        JsonNode env = JSON.readTree(envPuts.get(0).getBodyAsString()).path("properties");
        assertThat(env.path("build").path("contextUri").asText())
                .as("the CLI sends the https URL of the context's folder")
                .isEqualTo(
                        "https://acct.blob.core.windows.net/workspace-blobs/LocalUpload/" + hash + "/docker-context/");
        assertThat(env.path("build").has("dockerfilePath"))
                .as("no path given: Azure ML reads its default, as the CLI leaves it")
                .isFalse();
        assertThat(env.path("isAnonymous").asBoolean()).isTrue();
        assertThat(env.has("image")).as("the build makes the image").isFalse();
        assertThat(jobBody().path("environmentId").asText())
                .isEqualTo(WORKSPACE_PATH + "/environments/arcml-x/versions/1");
    }

    @Test
    void aBuiltEnvironmentTheWorkspaceHoldsIsReusedWithNothingUploaded() throws IOException {
        Path context = folder("docker-context", Map.of("Dockerfile", "FROM python:3.11\n", "req.txt", "numpy\n"));
        String envPath = WORKSPACE_PATH + "/environments/CliV2AnonymousEnvironment/versions/"
                + "0975c50fc28602b693fc40fbe6f05f783e38a2b99266132f2e9f18ff80b038aa";
        wm.stubFor(get(urlPathEqualTo(envPath)).willReturn(json(200, "{\"id\":\"" + envPath + "\"}")));

        cp.submitJob(
                "gpu",
                CommandJob.builder()
                        .name("built-3")
                        .dockerBuild(DockerBuild.local(context).dockerfilePath("Dockerfile"))
                        .command("python main.py")
                        .build()
                        .toSpec());

        assertThat(blob.requests()).isEmpty();
        assertThat(wm.findAll(WireMock.getRequestedFor(urlPathEqualTo(WORKSPACE_PATH + "/datastores"))))
                .isEmpty();
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/environments/.*"))))
                .isEmpty();
        assertThat(jobBody().path("environmentId").asText()).isEqualTo(envPath);
    }

    @Test
    void aRemoteDockerContextIsRegisteredWithNoUpload() {
        cp.submitJob(
                "gpu",
                CommandJob.builder()
                        .name("built-2")
                        .dockerBuild(DockerBuild.remote("https://acct.blob.core.windows.net/ctx/docker/")
                                .dockerfilePath("train.Dockerfile"))
                        .command("python main.py")
                        .build()
                        .toSpec());

        assertThat(blob.requests()).isEmpty();
        JsonNode env = body(putRequestedFor(urlPathMatching(".*/environments/CliV2AnonymousEnvironment/versions/.*")))
                .path("properties")
                .path("build");
        assertThat(env.path("contextUri").asText()).isEqualTo("https://acct.blob.core.windows.net/ctx/docker/");
        assertThat(env.path("dockerfilePath").asText()).isEqualTo("train.Dockerfile");
    }

    @Test
    void aLocalDataFileIsUploadedWithTheDatastoresSasToken() throws IOException {
        Path csv = Files.writeString(dir.resolve("iris.csv"), "sepal,petal\n");
        stubDatastore("Sas", "{\"secretsType\":\"Sas\",\"sasToken\":\"?" + DATA_SAS + "\"}");
        blob.requireSas(DATA_SAS);

        cp.submitJob("gpu", dataJob(JobInput.uriFile(csv)).build().toSpec());

        String hash = "05d62e2ed5a75c4be7e2d19429b2df35508e88dc3b963721f709e3840bdc94cf";
        assertThat(blob.violations()).isEmpty();
        assertThat(blob.blobs()).containsKey("/workspace-blobs/LocalUpload/" + hash + "/iris.csv");
        assertThat(jobBody().path("inputs").path("data").path("uri").asText())
                .isEqualTo("azureml://datastores/workspaceblobstore/paths/LocalUpload/" + hash + "/iris.csv");
    }

    @Test
    void aFileLargerThanABlockGoesInBlocksAndABlockList() throws IOException {
        byte[] bytes = new byte[2500];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("weights.bin"), bytes);
        BlobWriter writer = new BlobWriter(
                new HttpPipelineBuilder()
                        .httpClient(blob.routing(HttpClient.createDefault()))
                        .build(),
                1024);
        BlobContainer container = BlobContainer.ofSasUri("https://acct.blob.core.windows.net/c?" + CODE_SAS, "test");

        writer.upload(container, "w/weights.bin", file, bytes.length);

        assertThat(blob.violations()).isEmpty();
        assertThat(blob.requests())
                .extracting(r -> r.query().replaceAll("&sv=.*", ""))
                .containsExactly(
                        "comp=block&blockid=YmxvY2stMDAwMDAwMDA%3D",
                        "comp=block&blockid=YmxvY2stMDAwMDAwMDE%3D",
                        "comp=block&blockid=YmxvY2stMDAwMDAwMDI%3D",
                        "comp=blocklist");
        assertThat(blob.blobs().get("/c/w/weights.bin")).isEqualTo(bytes);
    }

    @Test
    void theManagementTokenNeverReachesTheBlobHostAndTheSasNeverReachesALog() throws IOException {
        Path src = folder("src", Map.of("train.py", "print('train')"));
        // With a Content-Length, azure-core's logging policy logs the response body: the SAS URI is in it.
        String pending = "{\"blobReferenceForConsumption\":{\"credential\":{\"credentialType\":\"SAS\","
                + "\"sasUri\":\"https://acct.blob.core.windows.net/code-1?" + CODE_SAS + "\"}}}";
        wm.stubFor(post(urlPathMatching(".*/startPendingUpload"))
                .willReturn(json(200, pending).withHeader("Content-Length", Integer.toString(pending.length()))));
        ArmControlPlane logged = new ArmEmulator(wm)
                .builder()
                .httpClient(blob.routing(HttpClient.createDefault()))
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS))
                .build();

        String logs = ArmSecurityTest.captureStandardStreams(
                () -> logged.submitJob("gpu", job().code(src).build().toSpec()));

        assertThat(blob.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
        assertThat(blob.violations()).isEmpty();
        assertThat(logs).doesNotContain("codeSasSecret", TOKEN);
        assertThat(logs)
                .as("the HTTP log is on, response bodies too")
                .contains("startPendingUpload", "acct.blob.core.windows.net", "the response carries secrets");
    }

    @Test
    void aSasUriOverPlainHttpIsRefusedBeforeAnyBlobRequest() throws IOException {
        Path src = folder("src", Map.of("train.py", "print('train')"));
        wm.stubFor(post(urlPathMatching(".*/startPendingUpload"))
                .willReturn(json(
                        200,
                        "{\"blobReferenceForConsumption\":{\"credential\":{\"credentialType\":\"SAS\","
                                + "\"sasUri\":\"http://attacker.example/c?sig=codeSasSecret\"}}}")));

        assertThatThrownBy(() -> cp.submitJob("gpu", job().code(src).build().toSpec()))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("attacker.example")
                .hasMessageNotContaining("codeSasSecret");
        assertThat(blob.requests()).isEmpty();
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/jobs/.*")))).isEmpty();
    }

    @Test
    void aRefusedBlobWriteNamesTheBlobButNotItsSignature() throws IOException {
        Path src = folder("src", Map.of("train.py", "print('train')"));
        blob.requireSas("sig=another");

        assertThatThrownBy(() -> cp.submitJob("gpu", job().code(src).build().toSpec()))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("https://acct.blob.core.windows.net/code-1/src/train.py")
                .hasMessageContaining("status 400")
                .hasMessageNotContaining("codeSasSecret");
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/jobs/.*")))).isEmpty();
    }

    @Test
    void aMissingFolderIsRefusedNamingTheFieldBeforeAnyRequest() {
        assertThatThrownBy(() -> cp.submitJob(
                        "gpu", job().code(dir.resolve("nope")).build().toSpec()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.getMessage()).contains("nope", "no file or folder");
                });
        assertThatThrownBy(() -> cp.submitJob(
                        "gpu",
                        dataJob(JobInput.uriFolder(dir.resolve("gone"))).build().toSpec()))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("inputs.data"));
        assertThat(blob.requests()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCodeFolderOverTheSnapshotLimitIsRefusedWithTheFix() throws IOException {
        Path big = Files.createDirectories(dir.resolve("big"));
        for (int i = 0; i <= 2000; i++) {
            Files.writeString(big.resolve("f" + i + ".py"), "");
        }

        assertThatThrownBy(() -> cp.submitJob("gpu", job().code(big).build().toSpec()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.getMessage()).contains("2001 files", "2000 files", ".amlignore");
                });
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aNamedDockerContextIsUploadedAndRegisteredUnderItsNameAndVersion() throws IOException {
        Path context = folder("azureml", Map.of("Dockerfile", "FROM python:3.11\n"));
        stubDatastore("AccountKey", "{\"secretsType\":\"AccountKey\",\"key\":\"" + ACCOUNT_KEY + "\"}");

        cp.submitJob(
                "gpu",
                CommandJob.builder()
                        .name("named-build")
                        .dockerBuild(DockerBuild.local(context))
                        .environmentId("azureml:nccltests:cuda11")
                        .command("./gpu_perf.sh")
                        .build()
                        .toSpec());

        List<LoggedRequest> envPuts = wm.findAll(putRequestedFor(urlPathMatching(".*/environments/.*")));
        assertThat(envPuts).hasSize(1);
        assertThat(envPuts.get(0).getUrl()).contains("/environments/nccltests/versions/cuda11?");
        JsonNode env = JSON.readTree(envPuts.get(0).getBodyAsString()).path("properties");
        assertThat(env.path("build").path("contextUri").asText())
                .startsWith("https://acct.blob.core.windows.net/workspace-blobs/LocalUpload/")
                .endsWith("/azureml/");
        assertThat(env.has("isAnonymous"))
                .as("a named environment is not anonymous")
                .isFalse();
        String dockerfile = blob.blobs().keySet().stream()
                .filter(b -> b.endsWith("/azureml/Dockerfile"))
                .findFirst()
                .orElseThrow();
        assertThat(blob.metadata(dockerfile)).containsEntry("name", "nccltests").containsEntry("version", "cuda11");
    }

    @Test
    void aNamedVersionHoldingTheSameContextIsReusedAndOneHoldingAnotherIsAConflict() throws IOException {
        Path context = folder("azureml", Map.of("Dockerfile", "FROM python:3.11\n"));
        String hash = ArmUploads.buildContext(context, "x").objectHash();
        String same = WORKSPACE_PATH + "/environments/nccltests/versions/same";
        String other = WORKSPACE_PATH + "/environments/nccltests/versions/other";
        String uri = "https://acct.blob.core.windows.net/workspace-blobs/LocalUpload/";
        wm.stubFor(get(urlPathEqualTo(same))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + same + "\",\"properties\":{\"build\":{\"contextUri\":\"" + uri + hash
                                + "/azureml/\"}}}")));
        wm.stubFor(get(urlPathEqualTo(other))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + other + "\",\"properties\":{\"build\":{\"contextUri\":\"" + uri
                                + "0123/azureml/?sig=secret\"}}}")));

        cp.submitJob(
                "gpu",
                CommandJob.builder()
                        .name("same-build")
                        .command("./gpu_perf.sh")
                        .dockerBuild(DockerBuild.local(context))
                        .environmentId("azureml:nccltests:same")
                        .build()
                        .toSpec());
        assertThat(jobBody().path("environmentId").asText()).isEqualTo(same);

        assertThatThrownBy(() -> cp.submitJob(
                        "gpu",
                        CommandJob.builder()
                                .name("other-build")
                                .command("./gpu_perf.sh")
                                .dockerBuild(DockerBuild.local(context))
                                .environmentId("azureml:nccltests:other")
                                .build()
                                .toSpec()))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("nccltests/versions/other holds another Docker build")
                .hasMessageContaining("Give the job another version")
                .hasMessageNotContaining("secret");
        assertThat(blob.requests()).isEmpty();
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/environments/.*"))))
                .isEmpty();
    }

    @Test
    void aDockerContextIsRegisteredOnlyUnderANameWithAVersion() {
        assertThatThrownBy(() -> cp.submitJob(
                        "gpu",
                        CommandJob.builder()
                                .name("latest-build")
                                .command("./gpu_perf.sh")
                                .dockerBuild(DockerBuild.remote("https://acct.blob.core.windows.net/ctx/docker/"))
                                .environmentId("azureml:nccltests@latest")
                                .build()
                                .toSpec()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "environmentId: 'azureml:nccltests@latest' names no version to register the Docker context as");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    private void stubDatastore(String credentialsType, String secrets) {
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/datastores"))
                .withQueryParam("names", WireMock.equalTo("workspaceblobstore"))
                .willReturn(json(
                        200,
                        "{\"value\":[{\"id\":\"" + WORKSPACE_PATH + "/datastores/workspaceblobstore\","
                                + "\"name\":\"workspaceblobstore\",\"properties\":{\"datastoreType\":\"AzureBlob\","
                                + "\"accountName\":\"acct\",\"containerName\":\"workspace-blobs\","
                                + "\"endpoint\":\"core.windows.net\",\"protocol\":\"https\",\"isDefault\":false,"
                                + "\"credentials\":{\"credentialsType\":\"" + credentialsType + "\"}}}]}")));
        wm.stubFor(post(urlPathEqualTo(WORKSPACE_PATH + "/datastores/workspaceblobstore/listSecrets"))
                .willReturn(json(200, secrets)));
    }

    private Path folder(String name, Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return root;
    }

    private static CommandJob.Builder job() {
        return CommandJob.builder().name("train-1").image(IMAGE).command("python train.py");
    }

    private static CommandJob.Builder dataJob(JobInput input) {
        return CommandJob.builder()
                .name("data-1")
                .image(IMAGE)
                .command("python train.py --data ${{inputs.data}}")
                .input("data", input);
    }

    private static JsonNode body(RequestPatternBuilder pattern) {
        List<LoggedRequest> found = wm.findAll(pattern);
        assertThat(found).hasSize(1);
        try {
            return JSON.readTree(found.get(0).getBodyAsString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode jobBody() {
        List<LoggedRequest> puts = wm.findAll(putRequestedFor(urlPathMatching(".*/jobs/[^/]+")));
        try {
            return JSON.readTree(puts.get(0).getBodyAsString()).path("properties");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
