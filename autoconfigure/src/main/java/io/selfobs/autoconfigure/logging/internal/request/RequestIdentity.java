package io.selfobs.autoconfigure.logging.internal.request;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Who made a request: {@code user.id} from a configured request attribute, the
 * authenticated principal (Spring Security when present, else the container's) or a
 * configured header; {@code organization.id} from a configured attribute or header.
 * Internal, not API.
 */
public final class RequestIdentity {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.context.SecurityContext", RequestIdentity.class.getClassLoader());

	private final @Nullable String userIdAttribute;

	private final @Nullable String userIdHeader;

	private final @Nullable String organizationIdAttribute;

	private final @Nullable String organizationIdHeader;

	public RequestIdentity(@Nullable String userIdAttribute, @Nullable String userIdHeader,
			@Nullable String organizationIdAttribute, @Nullable String organizationIdHeader) {
		this.userIdAttribute = userIdAttribute;
		this.userIdHeader = userIdHeader;
		this.organizationIdAttribute = organizationIdAttribute;
		this.organizationIdHeader = organizationIdHeader;
	}

	@Nullable String userId(HttpServletRequest request) {
		String fromAttribute = attribute(request, this.userIdAttribute);
		if (fromAttribute != null) {
			return fromAttribute;
		}
		String principal = SPRING_SECURITY_PRESENT ? SpringSecurityPrincipal.name(request) : null;
		if (principal == null) {
			Principal container = request.getUserPrincipal();
			principal = (container != null) ? container.getName() : null;
		}
		return (principal != null) ? principal : header(request, this.userIdHeader);
	}

	@Nullable String organizationId(HttpServletRequest request) {
		String fromAttribute = attribute(request, this.organizationIdAttribute);
		return (fromAttribute != null) ? fromAttribute : header(request, this.organizationIdHeader);
	}

	private static @Nullable String attribute(HttpServletRequest request, @Nullable String name) {
		Object value = StringUtils.hasText(name) ? request.getAttribute(name) : null;
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable String header(HttpServletRequest request, @Nullable String name) {
		String value = StringUtils.hasText(name) ? request.getHeader(name) : null;
		return StringUtils.hasText(value) ? value : null;
	}

	/**
	 * The access event is written after Spring Security's filters have cleared the
	 * thread's context, so the authentication is read where Spring Security saved it for
	 * the request: the request attribute of
	 * {@code RequestAttributeSecurityContextRepository} or the HTTP session.
	 */
	static final class SpringSecurityPrincipal {

		static final String REQUEST_ATTRIBUTE = "org.springframework.security.web.context.RequestAttributeSecurityContextRepository.SPRING_SECURITY_CONTEXT";

		static final String SESSION_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

		private SpringSecurityPrincipal() {
		}

		static @Nullable String name(HttpServletRequest request) {
			String name = nameOf(request.getAttribute(REQUEST_ATTRIBUTE));
			if (name == null) {
				HttpSession session = request.getSession(false);
				try {
					name = (session != null) ? nameOf(session.getAttribute(SESSION_ATTRIBUTE)) : null;
				}
				catch (IllegalStateException ex) {
					// The application invalidated the session during the request
				}
			}
			return name;
		}

		private static @Nullable String nameOf(Object context) {
			if (context instanceof SecurityContext securityContext) {
				Authentication authentication = securityContext.getAuthentication();
				if (authentication != null && authentication.isAuthenticated()
						&& !(authentication instanceof AnonymousAuthenticationToken)) {
					return authentication.getName();
				}
			}
			return null;
		}

	}

}
