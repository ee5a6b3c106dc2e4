package io.selfobs.autoconfigure.health;

import java.util.List;

/**
 * Holds the startup probe DOWN until the application is ready (context refreshed and
 * every runner done) and every task begun through this gate has completed. Once open, the
 * gate stays open for the life of the process.
 * <p>
 * Inject it to make startup wait for work that outlives the runners, such as a database
 * migration running on its own thread: <pre class="code">
 * StartupTask migration = startupGate.begin("schema-migration");
 * executor.execute(() -&gt; {
 *     migrate();
 *     migration.complete();
 * });
 * </pre> Begin the task before the application is ready (in a bean, a runner or an
 * {@code ApplicationStartedEvent} listener); a task begun after the gate opened has no
 * effect.
 */
public interface StartupGate {

	/**
	 * Begin a task that startup must wait for.
	 * @param name a short name shown in the startup health details
	 * @return the task to complete when the work is done
	 */
	StartupTask begin(String name);

	/**
	 * Whether startup has finished: the application is ready and no task is pending.
	 * @return {@code true} once startup has finished, forever after
	 */
	boolean isOpen();

	/**
	 * The tasks startup still waits for.
	 * @return the names of the pending tasks, in the order they were begun
	 */
	List<String> pendingTasks();

}
