package io.selfobs.sample.pki.dms;

import java.net.URI;
import java.util.List;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The DMS manager API.
 */
@RestController
@RequestMapping("/api/dmsmanager/v1/dms")
@ConditionalOnRole(PkiProperties.Role.EST)
class DmsController {

	private final DmsService service;

	DmsController(DmsService service) {
		this.service = service;
	}

	@PostMapping
	ResponseEntity<Dms> create(@RequestBody DmsService.DmsRequest request) {
		Dms dms = this.service.create(request);
		return ResponseEntity.created(URI.create("/api/dmsmanager/v1/dms/" + dms.id())).body(dms);
	}

	@GetMapping
	List<Dms> list() {
		return this.service.list();
	}

	@GetMapping("/{id}")
	Dms get(@PathVariable String id) {
		return this.service.get(id);
	}

	@PutMapping("/{id}")
	Dms update(@PathVariable String id, @RequestBody DmsService.DmsRequest request) {
		return this.service.update(id, request);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.service.delete(id);
		return ResponseEntity.noContent().build();
	}

}
