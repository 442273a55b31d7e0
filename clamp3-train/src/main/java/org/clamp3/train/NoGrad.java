package org.clamp3.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's gradient recording off for a block (torch.no_grad()): parameter updates are
 * in-place changes that autograd must not see.
 */
final class NoGrad implements AutoCloseable {
    private final boolean previous;

    NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
