package io.selfobs.sample.pki.dms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.security.SecurityEvents;
import io.selfobs.sample.pki.web.Problems;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manages enrollment profiles. Every change is a configuration security event.
 */
@Service
@ConditionalOnRole(PkiProperties.Role.EST)
public class DmsService {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final int MAX_NAME = 200;

	/** Fits the 1000-character columns, comma-joined. */
	private static final int MAX_CA_IDS = 10;

	private final DmsRepository repository;

	private final SecurityEvents securityEvents;

	DmsService(DmsRepository repository, SecurityEvents securityEvents) {
		this.repository = repository;
		this.securityEvents = securityEvents;
	}

	/**
	 * The settable fields of a DMS.
	 *
	 * @param id the id (only read on create)
	 * @param name display name
	 * @param issuingCaId issuing CA
	 * @param authMode authentication mode, {@code NO_AUTH} when {@code null}
	 * @param bootstrapCaIds bootstrap CAs for {@code CLIENT_CERTIFICATE}
	 * @param registrationMode registration mode, {@code JIT} when {@code null}
	 * @param validityDays validity of issued certificates, 365 when {@code null}
	 * @param reenrollWindowDays re-enroll window, the validity when {@code null}
	 * @param reenrollCaIds CAs accepted for re-enrollment, the issuing CA when
	 * {@code null} or empty
	 */
	public record DmsRequest(String id, String name, String issuingCaId, Dms.AuthMode authMode,
			List<String> bootstrapCaIds, Dms.RegistrationMode registrationMode, Integer validityDays,
			Integer reenrollWindowDays, List<String> reenrollCaIds) {
	}

	public Optional<Dms> find(String id) {
		return this.repository.findById(id);
	}

	public List<Dms> list() {
		return this.repository.findAll();
	}

	public Dms get(String id) {
		return find(id).orElseThrow(() -> Problems.notFound("DMS", id));
	}

	@Transactional
	public Dms create(DmsRequest request) {
		if (request.id() == null || !ID.matcher(request.id()).matches()) {
			throw Problems.badRequest("invalid-id", "id is required and must match " + ID.pattern());
		}
		if (this.repository.findById(request.id()).isPresent()) {
			throw Problems.conflict("already-exists", "DMS '" + request.id() + "' already exists");
		}
		Instant now = Instant.now();
		Dms dms = validated(request, request.id(), now, now);
		try {
			this.repository.insert(dms);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create of the same id committed first
			throw Problems.conflict("already-exists", "DMS '" + request.id() + "' already exists");
		}
		changed("creation", "dms-created", dms.id());
		return dms;
	}

	@Transactional
	public Dms update(String id, DmsRequest request) {
		Dms existing = get(id);
		Dms dms = validated(request, id, existing.createdAt(), Instant.now());
		this.repository.update(dms);
		changed("change", "dms-updated", id);
		return dms;
	}

	@Transactional
	public void delete(String id) {
		get(id);
		try {
			this.repository.delete(id);
		}
		catch (DataIntegrityViolationException ex) {
			throw Problems.conflict("dms-in-use", "DMS '" + id + "' still has devices");
		}
		changed("deletion", "dms-deleted", id);
	}

	private Dms validated(DmsRequest request, String id, Instant createdAt, Instant updatedAt) {
		if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
			throw Problems.badRequest("invalid-name", "name is required, at most " + MAX_NAME + " characters");
		}
		if (request.issuingCaId() == null || !ID.matcher(request.issuingCaId()).matches()) {
			throw Problems.badRequest("invalid-issuing-ca",
					"issuingCaId is required and must be a CA id matching " + ID.pattern());
		}
		Dms.AuthMode authMode = (request.authMode() != null) ? request.authMode() : Dms.AuthMode.NO_AUTH;
		List<String> bootstrap = caIds(request.bootstrapCaIds(), "bootstrapCaIds", "invalid-bootstrap-cas");
		if (authMode == Dms.AuthMode.CLIENT_CERTIFICATE && bootstrap.isEmpty()) {
			throw Problems.badRequest("invalid-bootstrap-cas",
					"CLIENT_CERTIFICATE needs at least one bootstrapCaIds entry");
		}
		List<String> reenroll = caIds(request.reenrollCaIds(), "reenrollCaIds", "invalid-reenroll-cas");
		int validity = (request.validityDays() != null) ? request.validityDays() : 365;
		int window = (request.reenrollWindowDays() != null) ? request.reenrollWindowDays() : validity;
		if (validity < 1 || validity > 3650 || window < 0 || window > validity) {
			throw Problems.badRequest("invalid-validity",
					"validityDays must be 1..3650 and reenrollWindowDays 0..validityDays");
		}
		Dms.RegistrationMode registration = (request.registrationMode() != null) ? request.registrationMode()
				: Dms.RegistrationMode.JIT;
		return new Dms(id, request.name(), request.issuingCaId(), authMode, bootstrap, registration, validity, window,
				reenroll, createdAt, updatedAt);
	}

	private static List<String> caIds(List<String> requested, String field, String problem) {
		if (requested == null) {
			return List.of();
		}
		if (requested.size() > MAX_CA_IDS
				|| requested.stream().anyMatch((caId) -> caId == null || !ID.matcher(caId).matches())) {
			throw Problems.badRequest(problem,
					field + " must be at most " + MAX_CA_IDS + " CA ids, each matching " + ID.pattern());
		}
		return requested.stream().distinct().toList();
	}

	private void changed(String type, String action, String id) {
		this.securityEvents.record("configuration", type, action, "success", Map.of("pki.dms_id", id),
				"DMS configuration changed");
	}

}
