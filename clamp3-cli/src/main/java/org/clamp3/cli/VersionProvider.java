package org.clamp3.cli;

import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** Reads the version Maven stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/clamp3-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "clamp3 " + p.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
