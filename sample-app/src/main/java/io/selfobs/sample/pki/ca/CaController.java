package io.selfobs.sample.pki.ca;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;

import io.selfobs.sample.pki.ca.certificate.CertificateIssuer;
import io.selfobs.sample.pki.ca.certificate.CertificateRecord;
import io.selfobs.sample.pki.ca.certificate.CertificateService;
import io.selfobs.sample.pki.ca.certificate.CertificateStatus;
import io.selfobs.sample.pki.ca.certificate.CrlIssuer;
import io.selfobs.sample.pki.ca.certificate.RevocationReason;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.crypto.x509.Pem;
import io.selfobs.sample.pki.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CA API.
 */
@RestController
@RequestMapping("/api/ca/v1")
@ConditionalOnRole(PkiProperties.Role.CA)
class CaController {

	static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

	static final MediaType PEM_FILE = MediaType.parseMediaType("application/x-pem-file");

	private final CaService cas;

	private final CertificateIssuer issuer;

	private final CertificateService certificates;

	private final CrlIssuer crls;

	CaController(CaService cas, CertificateIssuer issuer, CertificateService certificates, CrlIssuer crls) {
		this.cas = cas;
		this.issuer = issuer;
		this.certificates = certificates;
		this.crls = crls;
	}

	record SignRequest(@Nullable String csr, @Nullable Integer validityDays) {
	}

	record RevokeRequest(@Nullable String reason) {
	}

	record CertificateView(String serial, String caId, String subject, @Nullable String subjectCn,
			CertificateStatus status, String certificate, Instant notBefore, Instant notAfter, Instant issuedAt,
			@Nullable String revocationReason, @Nullable Instant revokedAt) {

		static CertificateView of(CertificateRecord record) {
			RevocationReason reason = record.revocationReason();
			return new CertificateView(record.serial(), record.caId(), record.subject(), record.subjectCn(),
					record.effectiveStatus(Instant.now()), record.certificatePem(), record.notBefore(),
					record.notAfter(), record.issuedAt(), (reason != null) ? reason.rfcName() : null,
					record.revokedAt());
		}

	}

	@PostMapping("/cas")
	ResponseEntity<CaView> create(@RequestBody NewCa request) {
		CaView ca = this.cas.create(request);
		return ResponseEntity.created(URI.create("/api/ca/v1/cas/" + ca.id())).body(ca);
	}

	@GetMapping("/cas")
	List<CaView> list() {
		return this.cas.list();
	}

	@GetMapping("/cas/{id}")
	CaView get(@PathVariable String id) {
		return this.cas.get(id);
	}

	@DeleteMapping("/cas/{id}")
	CaView delete(@PathVariable String id) {
		return this.cas.delete(id);
	}

	/**
	 * The CA's CRL: DER ({@code application/pkix-crl}, RFC 2585) unless PEM is asked for
	 * with {@code ?format=pem} or {@code Accept: application/x-pem-file}.
	 */
	@GetMapping("/cas/{id}/crl")
	ResponseEntity<byte[]> crl(@PathVariable String id, @RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) throws CRLException {
		boolean pem = wantsPem(format, accept);
		X509CRL crl = this.crls.crl(id);
		return pem ? ResponseEntity.ok().contentType(PEM_FILE).body(Pem.encode(crl).getBytes(StandardCharsets.US_ASCII))
				: ResponseEntity.ok().contentType(PKIX_CRL).body(crl.getEncoded());
	}

	private static boolean wantsPem(@Nullable String format, @Nullable String accept) {
		if (format != null) {
			if (!format.equalsIgnoreCase("pem") && !format.equalsIgnoreCase("der")) {
				throw Problems.badRequest("invalid-format", "format must be 'der' or 'pem'");
			}
			return format.equalsIgnoreCase("pem");
		}
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw notAcceptable("The Accept header cannot be parsed");
		}
		if (accepted.stream().anyMatch((type) -> type.equalsTypeAndSubtype(PEM_FILE))) {
			return true;
		}
		if (accepted.stream().anyMatch((type) -> type.includes(PKIX_CRL))) {
			return false;
		}
		throw notAcceptable("The Accept header asks for neither format");
	}

	private static ErrorResponseException notAcceptable(String why) {
		return Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
				why + ": a CRL is served as " + PKIX_CRL + " or " + PEM_FILE);
	}

	@PostMapping("/cas/{id}/certificates/sign")
	ResponseEntity<CertificateView> sign(@PathVariable String id, @RequestBody SignRequest request) {
		CertificateRecord issued = this.issuer.sign(id, request.csr(), request.validityDays());
		return ResponseEntity.created(URI.create("/api/ca/v1/certificates/" + issued.serial()))
			.body(CertificateView.of(issued));
	}

	@GetMapping("/certificates")
	List<CertificateView> certificates(@RequestParam(name = "ca", required = false) @Nullable String caId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(name = "expiring-before", required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant expiringBefore,
			@RequestParam(required = false) @Nullable Integer limit) {
		return this.certificates.certificates(caId, status, expiringBefore, limit)
			.stream()
			.map(CertificateView::of)
			.toList();
	}

	@GetMapping("/certificates/{serial}")
	CertificateView certificate(@PathVariable String serial) {
		return CertificateView.of(this.certificates.certificate(serial));
	}

	@PostMapping("/certificates/{serial}/revoke")
	CertificateView revoke(@PathVariable String serial,
			@RequestBody(required = false) @Nullable RevokeRequest request) {
		return CertificateView.of(this.certificates.revoke(serial, (request != null) ? request.reason() : null));
	}

}
