/**
 * The Python semantics the ports of the original scripts depend on, in one tested place, so that a
 * parity fix is made once: {@link org.clamp3.core.py.PyStr} ({@code str} methods, {@code repr},
 * {@code split}, {@code splitlines}), {@link org.clamp3.core.py.PyInt} ({@code int()}, {@code //},
 * {@code %}), {@link org.clamp3.core.py.PyFloat} ({@code float()}, {@code repr}, {@code round},
 * {@code '%.Nf'}), {@link org.clamp3.core.py.PyList} (negative indices, slices),
 * {@link org.clamp3.core.py.PyCodecs} ({@code unicode_escape}, {@code latin-1}),
 * {@link org.clamp3.core.py.PyOsPath} ({@code os.path.splitext}) and
 * {@link org.clamp3.core.py.PyJson} ({@code json.dumps}). Behaviour is CPython 3.11's; where it
 * differs between two Python functions that look alike (whitespace for {@code strip()} versus
 * {@code int()}, the three ways of escaping a string) each has its own, named method.
 *
 * <p>A failure Python would raise is a {@link org.clamp3.core.py.PyError} whose message is Python's
 * {@code str(e)}; callers turn it into their own exception where they need one.
 *
 * <p>Plain JDK only: imports nothing from other clamp3 modules, other core packages or picocli.
 */
package org.clamp3.core.py;
