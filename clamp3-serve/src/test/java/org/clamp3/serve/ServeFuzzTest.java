package org.clamp3.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The HTTP side of {@code clamp3 serve} on hostile requests. Without {@code JAZZER_FUZZ} each
 * target replays its seeds and crash files ({@code ServeFuzzTestInputs/<method>/}).
 *
 * <ul>
 *   <li>{@link #multipart}: the input is a content type, a line break, then the body;
 *       {@link Multipart#parse} returns parts or throws {@link HttpError} (a 4xx answer).</li>
 *   <li>{@link #request}: one request to a server over a small index of the demo collection with
 *       the tiny models. The input is {@code METHOD\nPATH?QUERY\nCONTENT-TYPE\n} then the body;
 *       the server must answer it, and never with 500 (an unexpected exception).</li>
 * </ul>
 */
class ServeFuzzTest {
    private static final long MAX_MILLIS = 20_000;

    @FuzzTest
    void multipart(byte[] data) {
        int newline = indexOf(data, (byte) '\n', 0);
        String contentType = new String(data, 0, newline < 0 ? data.length : newline, StandardCharsets.ISO_8859_1);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(data, newline + 1, data.length);
        try {
            Multipart.parse(contentType, body);
        } catch (HttpError e) {
            if (e.status < 400 || e.status > 499 || e.getMessage() == null || e.getMessage().contains("\n")) {
                throw new AssertionError("not a one-line 4xx: " + e.status + " " + e.getMessage(), e);
            }
        }
    }

    @FuzzTest
    void request(byte[] data) throws IOException {
        String[] head = new String[3];
        int at = 0;
        for (int i = 0; i < 3; i++) {
            int newline = indexOf(data, (byte) '\n', at);
            int end = newline < 0 ? data.length : newline;
            head[i] = new String(data, at, end - at, StandardCharsets.ISO_8859_1);
            at = newline < 0 ? data.length : newline + 1;
        }
        byte[] body = Arrays.copyOfRange(data, Math.min(at, data.length), data.length);
        String method = head[0].matches("[A-Z]{1,10}") ? head[0] : "GET";
        String target = urlSafe(head[1].startsWith("/") ? head[1] : "/api/" + head[1]);
        String contentType = head[2].replaceAll("[\\x00-\\x1f\\x7f]", "");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        long start = System.nanoTime();
        String status;
        // the fuzzer's SSRF detector would flag this test's own connection to the server it fuzzes
        try (com.code_intelligence.jazzer.api.SilentCloseable allowed = com.code_intelligence.jazzer.api.BugDetectors
                .allowNetworkConnections((host, port) -> port == Server.SERVER.port()
                        && (host.equals("127.0.0.1") || host.equals("localhost")))) {
            status = Server.send(request.toByteArray());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (status.isEmpty()) {
            throw new AssertionError("no answer to " + method + " " + target);
        }
        if (status.contains(" 500 ")) {
            throw new AssertionError(method + " " + target + ": " + status);
        }
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one request took " + millis + " ms");
        }
    }

    /** Characters a request target may hold as they are; everything else percent-encoded. */
    private static String urlSafe(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '#' && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^'
                    && c != '`' && c != '{' && c != '|' && c != '}') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A server over an index of the demo collection, started once for the JVM. */
    private static final class Server {
        static final Clamp3Server SERVER;

        static {
            try {
                Path root = Files.createTempDirectory("clamp3-serve-fuzz");
                root.toFile().deleteOnExit();
                Path index = root.resolve("index");
                TestIndexes.build(TestIndexes.DEMO, index);
                SERVER = TestIndexes.start(index, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static String send(byte[] request) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", SERVER.port()), 5_000);
                socket.setSoTimeout((int) MAX_MILLIS);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.write(c);
                }
                return line.toString(StandardCharsets.ISO_8859_1).strip();
            } catch (java.net.SocketTimeoutException e) {
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
