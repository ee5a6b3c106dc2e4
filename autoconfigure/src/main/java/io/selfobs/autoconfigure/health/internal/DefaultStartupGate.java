package io.selfobs.autoconfigure.health.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.selfobs.autoconfigure.health.StartupGate;
import io.selfobs.autoconfigure.health.StartupTask;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@link StartupGate} that opens on {@link ApplicationReadyEvent} (published after the
 * runners) once every begun task has completed. Internal, not API.
 */
public final class DefaultStartupGate implements StartupGate, ApplicationListener<ApplicationReadyEvent> {

	private final Set<Task> pending = new LinkedHashSet<>();

	private boolean ready;

	private volatile boolean open;

	@Override
	public synchronized StartupTask begin(String name) {
		Task task = new Task(name);
		if (!this.open) {
			this.pending.add(task);
		}
		return task;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public synchronized List<String> pendingTasks() {
		List<String> names = new ArrayList<>();
		this.pending.forEach((task) -> names.add(task.name()));
		return names;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		this.ready = true;
		openIfDone();
	}

	private synchronized void completed(Task task) {
		this.pending.remove(task);
		openIfDone();
	}

	private void openIfDone() {
		if (this.ready && this.pending.isEmpty()) {
			this.open = true;
		}
	}

	private final class Task implements StartupTask {

		private final String name;

		private Task(String name) {
			this.name = name;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void complete() {
			completed(this);
		}

	}

}
