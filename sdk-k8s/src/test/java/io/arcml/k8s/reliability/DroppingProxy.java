package io.arcml.k8s.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP relay to an API server that can cut every open connection at once, the way a
 * load balancer or an API server restart drops long-running watches, or lose the response to one
 * request after relaying the request itself, the way a connection reset after the server acted does.
 */
final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<String> loseResponseTo = new AtomicReference<>();
    /** Responses lost so far. */
    final AtomicInteger responsesLost = new AtomicInteger();

    /** One relayed connection: whether the response now coming from the server is to be lost. */
    private static final class Connection {
        volatile boolean loseResponse;
    }

    DroppingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "dropping-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Cuts every connection open now; new ones are relayed again. */
    void dropAll() {
        open.forEach(DroppingProxy::closeQuietly);
        open.clear();
    }

    /**
     * Relays the next request whose request line starts with {@code requestLinePrefix} (e.g.
     * {@code POST /apis/batch/v1/namespaces/ns/jobs}) to the server, then drops the connection
     * instead of relaying the response. HTTP/1.1 only.
     */
    void loseResponseToNext(String requestLinePrefix) {
        loseResponseTo.set(requestLinePrefix);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                Connection connection = new Connection();
                pump(client, server, connection, true);
                pump(server, client, connection, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, Connection connection, boolean request) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (request) {
                                String prefix = loseResponseTo.get();
                                if (prefix != null
                                        && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).startsWith(prefix)
                                        && loseResponseTo.compareAndSet(prefix, null)) {
                                    connection.loseResponse = true;
                                }
                            } else if (connection.loseResponse) {
                                responsesLost.incrementAndGet();
                                return; // the finally block drops both sides
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the other side or dropAll closed the connection
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "dropping-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
