package io.selfobs.autoconfigure.logging.internal.request;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdentityTests {

	private final RequestIdentity identity = new RequestIdentity("app.user", "X-User", "app.tenant", "X-Tenant");

	@Test
	void userComesFromTheAuthenticationSpringSecuritySavedForTheRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-User", "header-user");
		request.setAttribute(RequestIdentity.SpringSecurityPrincipal.REQUEST_ATTRIBUTE,
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of())));
		assertThat(this.identity.userId(request)).isEqualTo("alice");
	}

	@Test
	void anonymousAuthenticationIsNoUser() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(RequestIdentity.SpringSecurityPrincipal.REQUEST_ATTRIBUTE,
				new SecurityContextImpl(new AnonymousAuthenticationToken("key", "anonymousUser",
						List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")))));
		assertThat(this.identity.userId(request)).isNull();
	}

	@Test
	void configuredAttributeWinsThenPrincipalThenHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-User", "header-user");
		assertThat(this.identity.userId(request)).isEqualTo("header-user");
		request.setUserPrincipal(() -> "container-user");
		assertThat(this.identity.userId(request)).isEqualTo("container-user");
		request.setAttribute("app.user", "attribute-user");
		assertThat(this.identity.userId(request)).isEqualTo("attribute-user");
	}

	@Test
	void organizationComesFromTheAttributeOrTheHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(this.identity.organizationId(request)).isNull();
		request.addHeader("X-Tenant", "acme");
		assertThat(this.identity.organizationId(request)).isEqualTo("acme");
		request.setAttribute("app.tenant", "globex");
		assertThat(this.identity.organizationId(request)).isEqualTo("globex");
	}

}
