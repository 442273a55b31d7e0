package org.clamp3.core.model.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which {@link Layout} and {@link Kernel}s inference uses, by the number of tokens one forward
 * pass carries (windows × padded length), and how many tokens a pass may carry before the
 * products slow down (the batching ceiling). Made by {@link KernelProbe} from timings on this
 * machine, or forced: {@code --kernels matmul} (rows, libtorch linear) or {@code --kernels conv}
 * (columns, 1×1 convolutions everywhere). Every choice computes the same function; results
 * agree to float rounding (about 1e-6).
 *
 * <p>The plan in use is process-wide: {@link #select} sets the mode (the system property
 * {@code clamp3.kernels=auto|matmul|conv} sets the initial one), {@link #active} resolves it
 * once, measuring or reading the cache only when the mode is {@code auto}.
 */
public final class KernelPlan {
    /** Upper bounds of the token-count classes a plan distinguishes; larger passes use the last. */
    public static final int[] BUCKETS = {64, 128, 256, 512, 1024};
    /** The batching ceiling of a forced plan: 1024 tokens, measured on an AVX-512 EPYC (FFN activations of 12 MB). */
    static final int DEFAULT_CEILING = 1024;

    /** How the plan in use is chosen. */
    public enum Mode { AUTO, MATMUL, CONV }

    private final Layout[] layouts;
    private final Kernel[][] kernels;
    private final int tokenCeiling;
    private final String origin;

    KernelPlan(Layout[] layouts, Kernel[][] kernels, int tokenCeiling, String origin) {
        if (layouts.length != BUCKETS.length || kernels.length != BUCKETS.length) {
            throw new IllegalArgumentException("a plan needs one entry per bucket");
        }
        this.layouts = layouts.clone();
        this.kernels = kernels.clone();
        this.tokenCeiling = tokenCeiling;
        this.origin = origin;
    }

    /** The same kernel everywhere: MATMUL in rows (the reference's layout), CONV in columns. */
    public static KernelPlan uniform(Kernel kernel) {
        Layout[] l = new Layout[BUCKETS.length];
        Kernel[][] k = new Kernel[BUCKETS.length][];
        for (int i = 0; i < BUCKETS.length; i++) {
            l[i] = kernel == Kernel.MATMUL ? Layout.ROWS : Layout.COLUMNS;
            k[i] = new Kernel[ProductShape.values().length];
            Arrays.fill(k[i], kernel);
        }
        return new KernelPlan(l, k, DEFAULT_CEILING, "forced: " + kernel.name().toLowerCase(Locale.ROOT));
    }

    /** Columns everywhere with the given kernel per product shape (for tests of mixed plans, and for tuning by hand). */
    public static KernelPlan columns(Kernel attention, Kernel ffnUp, Kernel ffnDown) {
        Layout[] l = new Layout[BUCKETS.length];
        Kernel[][] k = new Kernel[BUCKETS.length][];
        for (int i = 0; i < BUCKETS.length; i++) {
            l[i] = Layout.COLUMNS;
            k[i] = new Kernel[] {attention, ffnUp, ffnDown};
        }
        return new KernelPlan(l, k, DEFAULT_CEILING, "columns: attention " + attention + ", ffn_up " + ffnUp + ", ffn_down " + ffnDown);
    }

    /** The plans every test of numerical parity runs under: each layout and kernel, and a mix. */
    public static java.util.List<KernelPlan> everyPath() {
        return java.util.List.of(uniform(Kernel.MATMUL), uniform(Kernel.CONV), columns(Kernel.MATMUL, Kernel.CONV, Kernel.MATMUL));
    }

    static int bucket(int tokens) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (tokens <= BUCKETS[i]) {
                return i;
            }
        }
        return BUCKETS.length - 1;
    }

    /** The layout of a pass of {@code tokens} tokens. */
    public Layout layout(int tokens) {
        return layouts[bucket(tokens)];
    }

    /** The kernel of one product shape in a {@link Layout#COLUMNS} pass of {@code tokens} tokens. */
    public Kernel kernel(ProductShape shape, int tokens) {
        return kernels[bucket(tokens)][shape.ordinal()];
    }

    /** Most tokens one batched forward pass should carry: beyond it the products run slower per token. */
    public int tokenCeiling() {
        return tokenCeiling;
    }

    /** Where the plan came from: "forced: conv", "measured ...", "cached ...". */
    public String origin() {
        return origin;
    }

    /** One line per bucket: "≤ 128 tokens: columns (attention conv, ffn_up matmul, ffn_down conv)". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BUCKETS.length; i++) {
            sb.append(String.format(Locale.ROOT, "%s %4d tokens: %s", i == BUCKETS.length - 1 ? ">=" : "<=",
                    i == BUCKETS.length - 1 ? BUCKETS[i - 1] + 1 : BUCKETS[i], layouts[i].name().toLowerCase(Locale.ROOT)));
            if (layouts[i] == Layout.COLUMNS) {
                sb.append(" (");
                for (ProductShape s : ProductShape.values()) {
                    sb.append(s.ordinal() == 0 ? "" : ", ").append(s.name().toLowerCase(Locale.ROOT)).append(' ')
                            .append(kernels[i][s.ordinal()].name().toLowerCase(Locale.ROOT));
                }
                sb.append(')');
            } else {
                sb.append(" (libtorch linear)");
            }
            sb.append('\n');
        }
        sb.append("batching ceiling: ").append(tokenCeiling).append(" tokens per forward pass\n");
        return sb.toString();
    }

    Layout[] layouts() {
        return layouts.clone();
    }

    Kernel[][] kernels() {
        return kernels.clone();
    }

    // ---- the process-wide plan ----

    private static volatile Mode mode = initialMode();
    private static volatile java.util.function.Consumer<String> notices = message -> { };

    /** Where one-line notices go (that the kernels are being measured, and why that may be slow); nowhere by default. */
    public static void onNotice(java.util.function.Consumer<String> sink) {
        notices = sink == null ? message -> { } : sink;
    }

    static void notice(String message) {
        notices.accept(message);
    }
    private static volatile KernelPlan active;

    private static Mode initialMode() {
        String p = System.getProperty("clamp3.kernels", "auto");
        try {
            return Mode.valueOf(p.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Mode.AUTO;
        }
    }

    /** Chooses how the plan is made; takes effect at the next {@link #active}. */
    public static synchronized void select(Mode m) {
        mode = m;
        active = null;
    }

    /** Uses {@code plan} from now on, whatever the mode (tests; embedding programs with a plan of their own). */
    public static synchronized void use(KernelPlan plan) {
        active = plan;
    }

    @Override
    public String toString() {
        return origin;
    }

    public static Mode mode() {
        return mode;
    }

    /** The plan in use, resolved on first use (auto: the cached measurement for this machine, else measured now). */
    public static KernelPlan active() {
        KernelPlan p = active;
        return p != null ? p : resolve();
    }

    private static synchronized KernelPlan resolve() {
        if (active == null) {
            active = switch (mode) {
                case MATMUL -> uniform(Kernel.MATMUL);
                case CONV -> uniform(Kernel.CONV);
                case AUTO -> KernelProbe.cachedOrMeasured();
            };
        }
        return active;
    }
}
