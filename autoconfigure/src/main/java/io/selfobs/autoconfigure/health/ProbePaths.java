package io.selfobs.autoconfigure.health;

import java.util.Set;

/**
 * The probe paths served on the main server port (such as {@code /livez}), relative to
 * the servlet context path. Request tracing and request logging inject it to leave probe
 * traffic out of spans and request events.
 */
public final class ProbePaths {

	private final Set<String> paths;

	public ProbePaths(Set<String> paths) {
		this.paths = Set.copyOf(paths);
	}

	/**
	 * The enabled probe paths, each starting with {@code /}.
	 * @return the probe paths, empty when no probe is served
	 */
	public Set<String> paths() {
		return this.paths;
	}

	/**
	 * Whether the given path, relative to the servlet context path, is a probe path.
	 * @param path the request path within the application
	 * @return {@code true} for a probe path
	 */
	public boolean isProbePath(String path) {
		return this.paths.contains(path);
	}

}
