/**
 * Small helpers shared by the commands' outputs: {@link org.clamp3.core.util.JsonLines} writes
 * JSONL as the original scripts do. Python semantics live in {@code org.clamp3.core.py}.
 */
package org.clamp3.core.util;
