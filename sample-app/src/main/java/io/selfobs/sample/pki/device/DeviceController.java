package io.selfobs.sample.pki.device;

import java.net.URI;
import java.util.List;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device manager API.
 */
@RestController
@RequestMapping("/api/devmanager/v1/devices")
@ConditionalOnRole(PkiProperties.Role.EST)
class DeviceController {

	private final DeviceService service;

	DeviceController(DeviceService service) {
		this.service = service;
	}

	record RegisterRequest(@Nullable String id, @Nullable String dmsId) {
	}

	record MoveRequest(@Nullable String dmsId) {
	}

	@PostMapping
	ResponseEntity<Device> register(@RequestBody RegisterRequest request) {
		Device device = this.service.register(request.id(), request.dmsId());
		return ResponseEntity.created(URI.create("/api/devmanager/v1/devices/" + device.id())).body(device);
	}

	@GetMapping
	List<Device> list(@RequestParam(name = "dms", required = false) @Nullable String dmsId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer limit) {
		return this.service.list(dmsId, status, limit);
	}

	@GetMapping("/{id}")
	Device get(@PathVariable String id) {
		return this.service.get(id);
	}

	@PostMapping("/{id}/move")
	Device move(@PathVariable String id, @RequestBody MoveRequest request) {
		return this.service.move(id, request.dmsId());
	}

}
