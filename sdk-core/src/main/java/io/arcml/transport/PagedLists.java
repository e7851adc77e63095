package io.arcml.transport;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.PagedResponseBase;
import io.arcml.internal.Arguments;
import io.arcml.resource.ExtensionResource;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Lists read one page per request: Azure Resource Manager follows {@code nextLink}, the cluster
 * transport the Kubernetes {@code limit} and {@code continue} token, the embedded control plane
 * pages its own records. The API builds azure-core's lazy {@link PagedIterable} on these methods
 * ({@code ComputeTarget.listPaged}, {@code AzureMLExtension.listPaged}): a page is read when the
 * iteration reaches it, never before.
 *
 * <p>Each method is one request. The continuation token is opaque to the caller: {@code null} asks
 * for the first page, and a page's {@link PagedResponse#getContinuationToken()} (null on the last
 * page) for the next. The page size is a preference; a service may answer with fewer items, or
 * ignore it (ARM decides its page sizes). A transport without this capability lists in one request
 * ({@link ComputeOperations#listComputes()}, {@link ExtensionReads#listExtensions}).
 */
public interface PagedLists {

    /**
     * One page of the workspace's computes, every type.
     *
     * @param continuationToken {@code null} for the first page, else the previous page's token
     * @param pageSize the preferred number of items, or {@code null} for the transport's default
     */
    PagedResponse<ComputeResource> computePage(String continuationToken, Integer pageSize);

    /**
     * One page of the extensions installed on a cluster, every type.
     *
     * @param clusterId the cluster's Azure resource ID
     * @param continuationToken {@code null} for the first page, else the previous page's token
     * @param pageSize the preferred number of items, or {@code null} for the transport's default
     */
    PagedResponse<ExtensionResource> extensionPage(String clusterId, String continuationToken, Integer pageSize);

    /**
     * A lazy list over a page function: the first page is read when the iteration starts, each next
     * one when the iteration reaches it.
     *
     * @param page reads the page after a continuation token ({@code null} for the first) with a preferred size
     */
    static <T> PagedIterable<T> iterable(BiFunction<String, Integer, PagedResponse<T>> page) {
        Arguments.nonNull(page, "page");
        return new PagedIterable<>(size -> page.apply(null, size), page);
    }

    /** The same page (request, status, headers, continuation token) holding other items: what a page's items became. */
    static <T, R> PagedResponse<R> withItems(PagedResponse<T> page, List<R> items) {
        Arguments.nonNull(page, "page");
        Arguments.nonNull(items, "items");
        return new PagedResponseBase<Void, R>(
                page.getRequest(),
                page.getStatusCode(),
                page.getHeaders(),
                List.copyOf(items),
                page.getContinuationToken(),
                null);
    }

    /**
     * A page of a transport that does not speak HTTP (the embedded control plane, the cluster
     * transport): status 200, no headers, no request.
     *
     * @param continuationToken the next page's token, or {@code null} on the last page
     */
    static <T> PagedResponse<T> page(List<T> items, String continuationToken) {
        Arguments.nonNull(items, "items");
        return new PagedResponseBase<Void, T>(
                null, 200, new HttpHeaders(), List.copyOf(items), continuationToken, null);
    }
}
