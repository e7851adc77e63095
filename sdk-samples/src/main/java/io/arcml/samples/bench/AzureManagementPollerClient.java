package io.arcml.samples.bench;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.polling.SyncPollerFactory;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.SerializerAdapter;
import java.time.Duration;

/**
 * An attach the way the Azure SDK for Java's generated management libraries drive a
 * long-running operation: the PUT sent through an azure-core {@link HttpPipeline}, then
 * azure-core-management's {@link SyncPollerFactory} with the generated clients' defaults (a 30 s
 * default poll interval, used only when the service gives no {@code Retry-After}) until
 * {@code getFinalResult()}, which reads the compute back. Like arcml, it reads the compute first
 * (ARM overwrites an existing one silently).
 */
final class AzureManagementPollerClient {
    /** What generated management clients pass as {@code defaultPollInterval}. */
    private static final Duration GENERATED_DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

    private final HttpPipeline pipeline = new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(
                    new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer benchmark-token")))
            .build();
    private final SerializerAdapter serializer = SerializerFactory.createDefaultManagementSerializerAdapter();

    /** Reads the compute, PUTs it, and returns when the poller's final result (the compute read back) is there. */
    void attach(String computeUrl, String body) {
        send(new HttpRequest(HttpMethod.GET, computeUrl));
        SyncPoller<PollResult<Object>, Object> poller = SyncPollerFactory.create(
                serializer,
                pipeline,
                Object.class,
                Object.class,
                GENERATED_DEFAULT_POLL_INTERVAL,
                () -> send(new HttpRequest(HttpMethod.PUT, computeUrl)
                        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                        .setBody(body)),
                Context.NONE);
        poller.getFinalResult();
    }

    private Response<BinaryData> send(HttpRequest request) {
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            BinaryData body =
                    BinaryData.fromBytes(response.getBodyAsBinaryData().toBytes());
            return new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(), body);
        }
    }
}
