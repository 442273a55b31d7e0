package org.clamp3.train.probe;

import java.util.TreeSet;

/**
 * sklearn's {@code f1_score(y_true, y_pred, average='macro')}: the unweighted mean of per-class
 * F1 over every class that occurs in either list; a class with no true or predicted positives
 * scores 0.
 */
final class MacroF1 {
    private MacroF1() {}

    static double of(int[] truth, int[] predicted) {
        TreeSet<Integer> classes = new TreeSet<>();
        for (int i = 0; i < truth.length; i++) {
            classes.add(truth[i]);
            classes.add(predicted[i]);
        }
        if (classes.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (int c : classes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean t = truth[i] == c;
                boolean p = predicted[i] == c;
                if (t && p) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (t) {
                    fn++;
                }
            }
            int denom = 2 * tp + fp + fn;
            sum += denom == 0 ? 0 : 2.0 * tp / denom;
        }
        return sum / classes.size();
    }
}
