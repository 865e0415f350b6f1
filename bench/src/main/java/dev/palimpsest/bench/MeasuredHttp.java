package dev.palimpsest.bench;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;

/**
 * The client of the requests a figure times (the as-of load, the diffs): blocking, one kept-alive connection per
 * concurrent caller. The load generator shares the machine's two cores with the stack it measures, so what it costs
 * lowers the figure: the JDK's {@code HttpClient} spent about 0.9 ms of CPU a 70 KB as-of answer (as much as
 * query-service answering it), this one about half that.
 */
final class MeasuredHttp implements AutoCloseable {

    private final CloseableHttpClient client;

    /** A client for up to {@code callers} requests at once, each waiting at most {@code timeout} for an answer. */
    MeasuredHttp(int callers, java.time.Duration timeout) {
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(callers).setMaxConnPerRoute(callers)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                // as the JDK client asked: no Accept-Encoding, no retry, no redirect, no cookies
                .disableContentCompression().disableAutomaticRetries().disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    /** {@code GET uri} asking for {@code accept}, the whole answer read; fails unless it is a 200. Its bytes. */
    byte[] get(URI uri, String accept) throws IOException {
        HttpGet request = new HttpGet(uri);
        request.addHeader("Accept", accept);
        return client.execute(request, response -> {
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.getCode());
            }
            return body;
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
