package org.clamp3.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.model.kernel.EngineSetup;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.core.model.kernel.KernelProbe;
import org.clamp3.core.util.CpuInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clamp3 doctor}: what this machine is and how clamp3 runs its math on it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Print the CPU, the threads libtorch uses, the plain sgemm GFLOP/s measured now, and the kernel plan",
            "(rows with libtorch linear, or token columns with matmul or 1x1 convolution per product shape, and the",
            "batching ceiling) that inference uses on this machine, with the GFLOP/s each candidate reached when it",
            "was measured. The plan is measured once per CPU, libtorch version and thread count, and cached."
        },
        footer = {"", "Examples:", "  clamp3 doctor", "  clamp3 doctor --remeasure      # measure the kernels again (e.g. after the machine was busy)",
            "  clamp3 doctor --json"})
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--remeasure", description = "Measure the kernels again and replace the cached plan.")
    boolean remeasure;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        PrintWriter out = spec.commandLine().getOut();
        String libtorch = Engine.getEngine("PyTorch").getVersion();
        double sgemm;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            sgemm = KernelProbe.sgemm(m);
        }
        KernelProbe.Measurement measured = remeasure ? KernelProbe.remeasure() : KernelProbe.cached();
        if (measured == null) {
            out.println("no kernel measurement for this machine yet: measuring now (a second or two)");
            out.flush();
            measured = KernelProbe.remeasure();
        }
        KernelPlan plan = KernelPlan.active();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("cpu", CpuInfo.model());
            o.put("vector_flags", CpuInfo.vectorFlags());
            o.put("available_processors", Runtime.getRuntime().availableProcessors());
            o.put("physical_cores", CpuInfo.physicalCores());
            o.put("threads", EngineSetup.threads());
            o.put("libtorch", libtorch);
            o.put("sgemm_gflops", Math.round(sgemm * 10) / 10.0);
            o.put("kernels_mode", KernelPlan.mode().name().toLowerCase(Locale.ROOT));
            o.put("plan", plan.describe());
            o.put("plan_origin", plan.origin());
            o.put("token_ceiling", plan.tokenCeiling());
            o.put("measurement", measured.describe());
            o.put("cache_file", KernelProbe.cacheFile().toString());
            o.put("others_cpu_share_while_measured", measured.othersCpuShare());
            out.println(mapper.writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "CPU: %s; vector flags: %s%n", CpuInfo.model(), CpuInfo.vectorFlags());
            out.printf(Locale.ROOT, "cores: %d available to this process, %d physical; libtorch %s with %d threads (inter-op 1)%n",
                    Runtime.getRuntime().availableProcessors(), CpuInfo.physicalCores(), libtorch, EngineSetup.threads());
            out.printf(Locale.ROOT, "plain sgemm now (3072x768 @ 768x512): %.1f GFLOP/s%n", sgemm);
            out.printf(Locale.ROOT, "kernels: %s (%s)%n", KernelPlan.mode().name().toLowerCase(Locale.ROOT), plan.origin());
            out.print(plan.describe());
            out.printf(Locale.ROOT, "measured %s (cache: %s):%n", measured.measuredAt(), KernelProbe.cacheFile());
            out.print(measured.describe());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
