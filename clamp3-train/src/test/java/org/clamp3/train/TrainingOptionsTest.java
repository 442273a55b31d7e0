package org.clamp3.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.clamp3.core.model.config.TrainingConfig;
import org.junit.jupiter.api.Test;

/** A run's defaults are the original scripts': config.py's values, or what the model config says instead. */
class TrainingOptionsTest {
    private static final Path OUT = Path.of("run");

    @Test
    void theOriginalsDefaults() {
        assertEquals(new TrainingOptions(100, 256, 1e-5, 1000, 42, 0, 5, 500, OUT), TrainingOptions.clamp3(TrainingConfig.ORIGINAL, OUT));
        assertEquals(new TrainingOptions(100, 16, 1e-4, 1000, 42, 0, 5, 500, OUT), TrainingOptions.m3(TrainingConfig.ORIGINAL, OUT));
    }

    @Test
    void theModelConfigsValuesWhereItHasThem() {
        TrainingConfig config = new TrainingConfig(3, 2e-4, 8, 0.3, 4, 3e-5, 64, 2, 0.1);
        assertEquals(new TrainingOptions(4, 64, 3e-5, 1000, 42, 0, 2, 500, OUT), TrainingOptions.clamp3(config, OUT));
        assertEquals(new TrainingOptions(3, 8, 2e-4, 1000, 42, 0, 2, 500, OUT), TrainingOptions.m3(config, OUT));
    }
}
