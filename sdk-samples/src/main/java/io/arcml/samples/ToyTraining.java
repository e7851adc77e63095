package io.arcml.samples;

import io.arcml.resource.CommandSpec;
import io.arcml.sweep.MetricLog;
import io.arcml.transport.embedded.JobSimulation;
import io.arcml.transport.embedded.JobSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for {@code python train.py --lr X --epochs N} on the embedded control plane: it really
 * trains a logistic regression by gradient descent on a fixed synthetic data set, in-process, and
 * prints the validation accuracy after each epoch on arcml's metric channel, as a training script
 * would. So a sweep on the embedded default has real, reproducible curves to work with.
 */
final class ToyTraining implements JobSimulator {
    private static final Pattern LR = Pattern.compile("--lr\\s+(\\S+)");
    private static final Pattern EPOCHS = Pattern.compile("--epochs\\s+(\\d+)");
    private final double[][] x = new double[400][];
    private final int[] y = new int[400];
    private final Duration epochTime;

    ToyTraining(Duration epochTime) {
        this.epochTime = epochTime;
        Random r = new Random(2024);
        for (int i = 0; i < x.length; i++) {
            int label = i % 2;
            x[i] = new double[] {
                r.nextGaussian() + (label == 1 ? 3.0 : 1.5), r.nextGaussian() + (label == 1 ? 2.0 : 0.5)
            };
            // One label in ten is flipped, so no model is perfect.
            y[i] = r.nextInt(10) == 0 ? 1 - label : label;
        }
    }

    @Override
    public JobSimulation simulate(CommandSpec job) {
        double lr = find(LR, job.command(), 0.1);
        int epochs = (int) find(EPOCHS, job.command(), 5);
        double[] w = new double[3];
        List<String> lines = new ArrayList<>();
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            // A few gradient steps per epoch, so the learning rate decides how far training gets.
            for (int step = 0; step < 20; step++) {
                int i = ((epoch - 1) * 20 + step) % 300;
                double p = predict(w, x[i]);
                double g = p - y[i];
                w[0] -= lr * g * x[i][0];
                w[1] -= lr * g * x[i][1];
                w[2] -= lr * g;
            }
            int correct = 0;
            for (int i = 300; i < x.length; i++) {
                correct += (predict(w, x[i]) >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
            }
            accuracy = correct / 100.0;
            lines.add(String.format(
                    Locale.ROOT, "epoch %d %s {\"accuracy\": %.2f}", epoch, MetricLog.METRIC_MARKER, accuracy));
        }
        lines.add(String.format(Locale.ROOT, "%s {\"accuracy\": %.2f}", MetricLog.FINAL_MARKER, accuracy));
        return JobSimulation.succeeds(epochTime.multipliedBy(epochs), lines);
    }

    private static double predict(double[] w, double[] xi) {
        double z = w[0] * xi[0] + w[1] * xi[1] + w[2];
        return 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));
    }

    private static double find(Pattern p, String command, double dflt) {
        Matcher m = p.matcher(command);
        return m.find() ? Double.parseDouble(m.group(1)) : dflt;
    }
}
