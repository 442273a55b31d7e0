package org.clamp3.cli;

import org.clamp3.onnx.EngineChoice;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --engine libtorch|onnxruntime} and {@code --precision fp32|int8}. */
public final class EngineOption {
    @Option(names = "--engine", paramLabel = "libtorch|onnxruntime",
            description = "What runs the encoders: libtorch (default with fp32) or onnxruntime (default with int8).")
    String engine;

    @Option(names = "--precision", paramLabel = "fp32|int8",
            description = "fp32 (default, the reference) or int8: dynamically quantized Linear layers on ONNX Runtime;"
                    + " faster on CPUs, features differ slightly (check with `clamp3 models check-precision`).")
    String precision;

    boolean given() {
        return engine != null || precision != null;
    }

    EngineChoice choice(CommandLine cl) {
        try {
            return EngineChoice.parse(engine, precision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
