package io.arcml.transport.arm;

import com.azure.core.client.traits.ConfigurationTrait;
import com.azure.core.client.traits.EndpointTrait;
import com.azure.core.client.traits.HttpTrait;
import com.azure.core.client.traits.TokenCredentialTrait;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.ProxyOptions;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import com.azure.resourcemanager.resources.ResourceManager;
import io.arcml.ValidationException;
import io.arcml.WorkspaceId;
import io.arcml.internal.Arguments;
import io.arcml.internal.UrlCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds an {@link ArmControlPlane}. Only the workspace is required; the rest has defaults:
 *
 * <pre>{@code
 * ArmControlPlane arm = ArmControlPlane.builder()
 *     .workspace(new WorkspaceId("<subscription>", "<group>", "<workspace>"))
 *     .credential(new DefaultAzureCredentialBuilder().build())   // default: DefaultAzureCredential if on the classpath
 *     .environment(AzureEnvironment.AZURE_US_GOVERNMENT)          // default: AzureEnvironment.AZURE
 *     .build();
 * }</pre>
 *
 * The cloud ({@link #environment(AzureEnvironment)} or {@link #profile(AzureProfile)}: public,
 * China, US Government, or a custom {@code AzureEnvironment}) gives the management endpoint, the
 * token scope, and the authority host of the {@code DefaultAzureCredential} built when no credential
 * is given. {@link #endpoint(String)} and {@link #tokenScope(String)} override them one by one.
 *
 * The HTTP client is the JDK one, with the proxy of the standard settings ({@code HTTPS_PROXY},
 * {@code HTTP_PROXY}, {@code NO_PROXY}, or the JVM's {@code https.proxyHost}/{@code http.nonProxyHosts})
 * unless {@link #proxy(ProxyOptions)} or {@link #httpClient(HttpClient)} says otherwise.
 *
 * <p>It takes the options of every Azure SDK client builder ({@link HttpTrait}, {@link ConfigurationTrait},
 * {@link TokenCredentialTrait}, {@link EndpointTrait}). The pipeline it builds runs, in order:
 * user agent, request ID, the {@link #addPolicy added} per-call policies, the {@link ClientOptions}
 * headers, provider registration ({@link #providerRegistration(boolean)}), token destination pinning
 * (a token goes only to the endpoint's host, and over plain HTTP only to loopback), retry, sign-in
 * (azure-core-management's {@code ArmChallengeAuthenticationPolicy}, claims challenges answered), the
 * added per-retry policies, logging, and last the policy that puts protected settings on the wire
 * after logging. A {@link #pipeline(HttpPipeline) pipeline} given whole is used as it is, with only
 * that last policy appended: sign-in, pinning, retry and provider registration are then its own
 * business.
 */
public final class ArmControlPlaneBuilder
        implements HttpTrait<ArmControlPlaneBuilder>,
                ConfigurationTrait<ArmControlPlaneBuilder>,
                TokenCredentialTrait<ArmControlPlaneBuilder>,
                EndpointTrait<ArmControlPlaneBuilder> {
    /** The management endpoint of the Azure public cloud. */
    public static final String PUBLIC_CLOUD_ENDPOINT = "https://management.azure.com";
    /** The pause between operation status reads when the service gives no {@code Retry-After}, as the Python SDK's. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private WorkspaceId workspace;
    private TokenCredential credential;
    private String endpoint;
    private AzureEnvironment environment;
    private String tenantId;
    private String tokenScope;
    private HttpClient httpClient;
    private ProxyOptions proxy;
    private Configuration configuration;
    private RetryOptions retryOptions;
    private HttpLogOptions httpLogOptions;
    private String applicationId;
    private ClientOptions clientOptions;
    private HttpPipeline pipeline;
    private final List<HttpPipelinePolicy> perCallPolicies = new ArrayList<>();
    private final List<HttpPipelinePolicy> perRetryPolicies = new ArrayList<>();
    private boolean providerRegistration = true;
    private String computeApiVersion = ArmControlPlane.DEFAULT_COMPUTE_API_VERSION;
    private String extensionApiVersion = ArmControlPlane.DEFAULT_EXTENSION_API_VERSION;
    private Duration defaultPollInterval = DEFAULT_POLL_INTERVAL;

    ArmControlPlaneBuilder() {}

    /** The workspace (subscription, resource group, name). Required. */
    public ArmControlPlaneBuilder workspace(WorkspaceId workspace) {
        this.workspace = workspace;
        return this;
    }

    /**
     * The credential whose tokens authorize the requests. Default: azure-identity's
     * {@code DefaultAzureCredential} when azure-identity is on the classpath.
     */
    @Override
    public ArmControlPlaneBuilder credential(TokenCredential credential) {
        this.credential = credential;
        return this;
    }

    /**
     * The management endpoint: default the environment's resource manager endpoint
     * ({@code https://management.azure.com} for the public cloud); for test harnesses and
     * emulators, a plain {@code http://} address on 127.0.0.1 or localhost. The token scope stays the
     * environment's when one is given.
     */
    @Override
    public ArmControlPlaneBuilder endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /**
     * The Azure cloud: {@code AzureEnvironment.AZURE} (default), {@code AZURE_CHINA},
     * {@code AZURE_US_GOVERNMENT}, or a custom one. It gives the management endpoint, the token
     * scope and the authority host of the default credential.
     */
    public ArmControlPlaneBuilder environment(AzureEnvironment environment) {
        this.environment = environment;
        return this;
    }

    /**
     * The Azure cloud and tenant as azure-resourcemanager's clients take them: the profile's
     * environment as {@link #environment(AzureEnvironment)}, and its tenant (when set) for the
     * default credential. The subscription is the workspace's.
     */
    public ArmControlPlaneBuilder profile(AzureProfile profile) {
        this.environment = profile == null ? null : profile.getEnvironment();
        this.tenantId = profile == null ? null : profile.getTenantId();
        return this;
    }

    /**
     * The token scope; default {@code <resource manager endpoint>/.default} of the environment, else
     * of the endpoint ({@code https://management.azure.com/.default} for a loopback endpoint).
     */
    public ArmControlPlaneBuilder tokenScope(String scope) {
        this.tokenScope = scope;
        return this;
    }

    /** The HTTP client; default the JDK client with the standard proxy settings. */
    @Override
    public ArmControlPlaneBuilder httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /** An explicit proxy for the default HTTP client, instead of the standard settings. */
    public ArmControlPlaneBuilder proxy(ProxyOptions proxy) {
        this.proxy = proxy;
        return this;
    }

    /** Where settings such as the proxy and {@code AZURE_HTTP_LOG_DETAIL_LEVEL} are read; default the global configuration. */
    @Override
    public ArmControlPlaneBuilder configuration(Configuration configuration) {
        this.configuration = configuration;
        return this;
    }

    /**
     * How requests are retried on 408, 429, 5xx and dropped connections; {@code Retry-After} is
     * always honoured. Default: 3 retries, exponential from 0.8 s up to 60 s. A credential that
     * cannot give a token is never retried: the request fails at once with the credential's reason.
     */
    @Override
    public ArmControlPlaneBuilder retryOptions(RetryOptions retryOptions) {
        this.retryOptions = retryOptions;
        return this;
    }

    /**
     * What azure-core logs of each request (default: {@code AZURE_HTTP_LOG_DETAIL_LEVEL}, else
     * nothing). Authorization headers are never logged (options that allow them are refused by
     * {@link #build()}); bodies are logged with connection strings and protected settings masked.
     */
    @Override
    public ArmControlPlaneBuilder httpLogOptions(HttpLogOptions httpLogOptions) {
        this.httpLogOptions = httpLogOptions;
        return this;
    }

    /** An application ID prefixed to the user agent. */
    public ArmControlPlaneBuilder applicationId(String applicationId) {
        this.applicationId = applicationId;
        return this;
    }

    /**
     * Client options: their application ID is prefixed to the user agent (unless
     * {@link #applicationId(String)} gives one) and their headers are sent with every request.
     */
    @Override
    public ArmControlPlaneBuilder clientOptions(ClientOptions clientOptions) {
        this.clientOptions = clientOptions;
        return this;
    }

    /**
     * A policy added to the pipeline arcml builds: once per call before the retry policy when its
     * {@link HttpPipelinePolicy#getPipelinePosition()} is {@code PER_CALL}, else on every try after
     * sign-in (see the class comment for the whole order). Policies added are kept in order.
     */
    @Override
    public ArmControlPlaneBuilder addPolicy(HttpPipelinePolicy policy) {
        Arguments.nonNull(policy, "policy");
        (policy.getPipelinePosition() == HttpPipelinePosition.PER_CALL ? perCallPolicies : perRetryPolicies)
                .add(policy);
        return this;
    }

    /**
     * A whole pipeline to send every request through, instead of the one arcml builds: the
     * credential, HTTP client, retry, log and client options and added policies of this builder are
     * then not used. arcml appends one policy to it, last, which puts protected settings on the wire
     * after the pipeline's own logging saw them masked.
     */
    @Override
    public ArmControlPlaneBuilder pipeline(HttpPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * Whether a request refused with {@code MissingSubscriptionRegistration} for
     * {@code Microsoft.KubernetesConfiguration}, {@code Microsoft.Kubernetes} or
     * {@code Microsoft.MachineLearningServices} registers the provider on the subscription, waits for
     * the registration, and is sent once more (logged at INFO). Default {@code true}; with
     * {@code false} the request fails with the {@code az provider register} command to run.
     */
    public ArmControlPlaneBuilder providerRegistration(boolean enabled) {
        this.providerRegistration = enabled;
        return this;
    }

    /** The api-version for workspaces and computes; default {@value ArmControlPlane#DEFAULT_COMPUTE_API_VERSION}. */
    public ArmControlPlaneBuilder computeApiVersion(String apiVersion) {
        this.computeApiVersion = apiVersion;
        return this;
    }

    /** The api-version for cluster extensions; default {@value ArmControlPlane#DEFAULT_EXTENSION_API_VERSION}. */
    public ArmControlPlaneBuilder extensionApiVersion(String apiVersion) {
        this.extensionApiVersion = apiVersion;
        return this;
    }

    /** The pause between operation status reads when the service gives no {@code Retry-After}; default 5 s. */
    public ArmControlPlaneBuilder defaultPollInterval(Duration interval) {
        this.defaultPollInterval = interval;
        return this;
    }

    /**
     * Checks the settings and builds the control plane; nothing is sent yet.
     *
     * @throws ValidationException naming the setting that is missing or wrong
     */
    public ArmControlPlane build() {
        if (workspace == null) {
            throw new ValidationException(
                    "workspace",
                    null,
                    "is required",
                    "Give it with workspace(new WorkspaceId(subscriptionId, resourceGroup, workspaceName)), or use Workspace.fromConfig()");
        }
        URI envUri = environment == null ? null : environmentUri(environment);
        URI uri =
                endpoint != null ? endpointUri(endpoint) : envUri != null ? envUri : endpointUri(PUBLIC_CLOUD_ENDPOINT);
        requireText("computeApiVersion", computeApiVersion);
        requireText("extensionApiVersion", extensionApiVersion);
        if (defaultPollInterval == null || defaultPollInterval.isNegative() || defaultPollInterval.isZero()) {
            // A zero pause would read an operation's status back to back, as fast as ARM answers, until it throttles.
            throw new ValidationException(
                    "defaultPollInterval",
                    defaultPollInterval == null ? null : defaultPollInterval.toString(),
                    "is not a positive duration",
                    "Give a pause such as Duration.ofSeconds(5)");
        }
        Configuration config = configuration != null ? configuration : Configuration.getGlobalConfiguration();
        TokenCredential tokens = credential != null
                ? credential
                : environment == null && tenantId == null
                        ? DefaultCredential.create()
                        : DefaultCredential.create(
                                environment == null ? null : environment.getActiveDirectoryEndpoint(), tenantId);
        URI audience = envUri != null ? envUri : uri;
        boolean loopback = "http".equalsIgnoreCase(audience.getScheme());
        String scope =
                tokenScope != null ? tokenScope : (loopback ? PUBLIC_CLOUD_ENDPOINT : origin(audience)) + "/.default";
        ArmProviderRegistrationPolicy registration = pipeline == null && providerRegistration
                ? new ArmProviderRegistrationPolicy(workspace.subscriptionId(), defaultPollInterval)
                : null;
        HttpClient client = pipeline != null ? pipeline.getHttpClient() : httpClient(config, uri);
        HttpPipeline built = pipeline != null
                ? withProtectedBodies(pipeline)
                : pipeline(client, config, tokens, scope, uri, registration);
        AzureProfile profile = new AzureProfile(
                tenantId,
                workspace.subscriptionId(),
                new AzureEnvironment(Map.of("resourceManagerEndpointUrl", uri.toString())));
        ResourceManager resources =
                ResourceManager.authenticate(built, profile).withSubscription(workspace.subscriptionId());
        if (registration != null) {
            registration.providers(resources.providers());
        }
        return new ArmControlPlane(
                workspace,
                new ArmClient(built, uri),
                new BlobWriter(blobPipeline(client, config), BlobWriter.DEFAULT_BLOCK_SIZE),
                resources,
                profile,
                computeApiVersion,
                extensionApiVersion,
                defaultPollInterval);
    }

    /** The user's HTTP client, or a JDK one with the proxy of this builder or of the standard settings. */
    private HttpClient httpClient(Configuration config, URI uri) {
        return httpClient != null
                ? httpClient
                : new JdkHttpClientBuilder()
                        .configuration(config)
                        .proxy(proxy != null ? proxy : ArmClientProxy.resolve(config, uri.getScheme()))
                        .build();
    }

    private String application() {
        return applicationId != null ? applicationId : clientOptions == null ? null : clientOptions.getApplicationId();
    }

    private HttpPipeline pipeline(
            HttpClient client,
            Configuration config,
            TokenCredential tokens,
            String scope,
            URI uri,
            ArmProviderRegistrationPolicy registration) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy(application(), "arcml-core", version(), config));
        policies.add(new RequestIdPolicy());
        policies.addAll(perCallPolicies);
        HttpHeaders headers = clientHeaders();
        if (headers.getSize() > 0) {
            policies.add(new AddHeadersPolicy(headers));
        }
        if (registration != null) {
            policies.add(registration);
        }
        policies.add(new TokenDestinationPolicy(uri.getHost()));
        policies.add(ArmRetryPolicy.create(
                retryOptions != null ? retryOptions : new RetryOptions(new ExponentialBackoffOptions())));
        policies.add(new ArmAuthenticationPolicy(tokens, scope, uri.getHost()));
        policies.addAll(perRetryPolicies);
        policies.add(new HttpLoggingPolicy(logOptions(config)));
        policies.add(new ProtectedBodyPolicy());
        return new HttpPipelineBuilder()
                .httpClient(client)
                .policies(policies.toArray(HttpPipelinePolicy[]::new))
                .build();
    }

    /**
     * The pipeline of blob uploads, on the same HTTP client: user agent, request ID, retry and
     * logging at the same level up to headers (file contents are not logged), and no credential: a container's SAS authorizes each request, so
     * the management token never goes to a storage host. Its logging shows no query parameter, as
     * the SAS is one; the user's allowed headers and query parameters are for ARM only.
     */
    private HttpPipeline blobPipeline(HttpClient client, Configuration config) {
        HttpLogDetailLevel level = httpLogOptions != null ? httpLogOptions.getLogLevel() : logLevel(config);
        return new HttpPipelineBuilder()
                .httpClient(client)
                .policies(
                        new UserAgentPolicy(application(), "arcml-core", version(), config),
                        new RequestIdPolicy(),
                        ArmRetryPolicy.create(
                                retryOptions != null
                                        ? retryOptions
                                        : new RetryOptions(new ExponentialBackoffOptions())),
                        new HttpLoggingPolicy(new HttpLogOptions()
                                .setLogLevel(level == HttpLogDetailLevel.NONE ? level : HttpLogDetailLevel.HEADERS)))
                .build();
    }

    /** {@code AZURE_HTTP_LOG_DETAIL_LEVEL} of the configuration ({@code none} when unset or unknown), as azure-core reads it. */
    private static HttpLogDetailLevel logLevel(Configuration config) {
        String level = config.get(Configuration.PROPERTY_AZURE_HTTP_LOG_DETAIL_LEVEL, "none")
                .trim()
                .toUpperCase(Locale.ROOT);
        try {
            return HttpLogDetailLevel.valueOf("BODYANDHEADERS".equals(level) ? "BODY_AND_HEADERS" : level);
        } catch (IllegalArgumentException unknown) {
            return HttpLogDetailLevel.NONE;
        }
    }

    /** The user's pipeline, its policies in order, then {@link ProtectedBodyPolicy}. */
    private static HttpPipeline withProtectedBodies(HttpPipeline pipeline) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        for (int i = 0; i < pipeline.getPolicyCount(); i++) {
            policies.add(pipeline.getPolicy(i));
        }
        policies.add(new ProtectedBodyPolicy());
        return new HttpPipelineBuilder()
                .httpClient(pipeline.getHttpClient())
                .policies(policies.toArray(HttpPipelinePolicy[]::new))
                .tracer(pipeline.getTracer())
                .build();
    }

    private HttpHeaders clientHeaders() {
        HttpHeaders headers = new HttpHeaders();
        if (clientOptions != null && clientOptions.getHeaders() != null) {
            clientOptions.getHeaders().forEach(h -> headers.set(HttpHeaderName.fromString(h.getName()), h.getValue()));
        }
        if (headers.get(HttpHeaderName.AUTHORIZATION) != null) {
            throw new ValidationException(
                    "clientOptions",
                    "headers [Authorization]",
                    "sets the Authorization header",
                    "Drop it: the credential's token is the only Authorization arcml sends (give a TokenCredential with credential(..))");
        }
        return headers;
    }

    private HttpLogOptions logOptions(Configuration config) {
        HttpLogOptions options =
                httpLogOptions != null ? httpLogOptions : new HttpLogOptions().setLogLevel(logLevel(config));
        if (options.getAllowedHeaderNames().stream()
                .anyMatch(HttpHeaderName.AUTHORIZATION.getCaseInsensitiveName()::equalsIgnoreCase)) {
            throw new ValidationException(
                    "httpLogOptions",
                    "allowedHeaderNames " + options.getAllowedHeaderNames(),
                    "lets the Authorization header be logged",
                    "Remove \"Authorization\" from the allowed header names: a bearer token "
                            + "must never reach a log");
        }
        return options;
    }

    /** The environment's resource manager endpoint, checked as {@link #endpointUri(String)} checks an endpoint. */
    private static URI environmentUri(AzureEnvironment environment) {
        String endpoint = environment.getResourceManagerEndpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new ValidationException(
                    "environment",
                    String.valueOf(environment.getEndpoints().keySet()),
                    "has no resourceManagerEndpointUrl",
                    "Use AzureEnvironment.AZURE, AZURE_CHINA or AZURE_US_GOVERNMENT, or give a custom "
                            + "environment a \"resourceManagerEndpointUrl\" such as https://management.azure.com/");
        }
        return endpointUri(endpoint);
    }

    private static URI endpointUri(String endpoint) {
        String fix = "Use " + PUBLIC_CLOUD_ENDPOINT
                + ", a sovereign cloud's management endpoint, or http://127.0.0.1:<port> for a local emulator";
        if (endpoint == null || endpoint.isBlank()) {
            throw new ValidationException("endpoint", endpoint, "is required", fix);
        }
        String shown = UrlCredentials.mask(endpoint);
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new ValidationException("endpoint", shown, "is not a URL (" + e.getReason() + ")", fix);
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new ValidationException("endpoint", shown, "is not an absolute URL", fix);
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException(
                    "endpoint",
                    shown,
                    "carries a user name or password",
                    "Drop them: Azure Resource Manager is reached with the credential's token, e.g. "
                            + PUBLIC_CLOUD_ENDPOINT);
        }
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            if (!TokenDestinationPolicy.isLoopback(uri.getHost())) {
                throw new ValidationException(
                        "endpoint",
                        shown,
                        "uses plain http to a host other than 127.0.0.1 or localhost",
                        "Use https: a bearer token is never sent over plain http except to a local emulator");
            }
        } else if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new ValidationException("endpoint", shown, "is neither https nor http", fix);
        }
        if (uri.getRawQuery() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))) {
            throw new ValidationException(
                    "endpoint",
                    shown,
                    "has a path or query",
                    "Give the endpoint's origin only, e.g. " + PUBLIC_CLOUD_ENDPOINT);
        }
        return URI.create(origin(uri));
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(
                    field, value, "is empty", "Give an api-version such as 2024-10-01, or leave the default");
        }
    }

    /** arcml-core's version from the jar's Maven metadata; {@code dev} when run from classes. */
    private static String version() {
        try (InputStream in = ArmControlPlaneBuilder.class.getResourceAsStream(
                "/META-INF/maven/io.arcml/arcml-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // no metadata: fall back below
        }
        return "dev";
    }
}
