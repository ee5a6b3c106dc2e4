package io.selfobs.sample.pki.config;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every slice of the sample PKI service shares, under {@code pki.*}. Each slice
 * has its own settings class next to its code ({@code pki.ca.*}, {@code pki.est.*}, ...).
 */
@ConfigurationProperties("pki")
public class PkiProperties {

	/**
	 * Directory for the embedded database, the generated TLS material and the generated
	 * key-encryption key.
	 */
	private Path dataDir = Path.of("./data");

	/**
	 * Roles this instance plays: 'ca' (CA API) and/or 'est' (EST server, DMS and device
	 * APIs).
	 */
	private Set<Role> roles = EnumSet.allOf(Role.class);

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = roles;
	}

	/**
	 * What an instance serves.
	 */
	public enum Role {

		CA, EST

	}

}
