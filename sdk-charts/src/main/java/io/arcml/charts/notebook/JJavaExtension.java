package io.arcml.charts.notebook;

import io.arcml.charts.Chart;
import io.arcml.charts.SweepTable;
import io.arcml.sweep.SweepResults;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Shows arcml's charts and sweep results inline in JJava: the kernel installs its extensions
 * found through {@code META-INF/services} in the jars a notebook adds ({@code %maven},
 * {@code %jars}); this one registers a {@link Chart} as {@code image/png} (and
 * {@code image/svg+xml}) and {@link SweepResults} as an HTML table, both with their
 * {@code toString()} as plain text.
 */
public final class JJavaExtension implements Extension {

    /** Created by the kernel's service loader. */
    public JJavaExtension() {}

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Registers arcml's types with a JJava renderer. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> chart.toPngBase64());
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> chart.toSvg());
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chart.toString());
                });
        renderer.createRegistration(SweepResults.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((results, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> SweepTable.html(results));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> results.toString());
                });
    }
}
