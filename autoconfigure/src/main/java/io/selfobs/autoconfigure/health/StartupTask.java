package io.selfobs.autoconfigure.health;

/**
 * A piece of startup work begun through a {@link StartupGate}.
 */
public interface StartupTask {

	/**
	 * The name the task was begun with.
	 * @return the task name
	 */
	String name();

	/**
	 * Mark the work as done. Completing a task more than once has no further effect.
	 */
	void complete();

}
