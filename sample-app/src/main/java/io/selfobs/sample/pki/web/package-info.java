/**
 * Request limits and error bodies of the REST APIs.
 */
@NullMarked
package io.selfobs.sample.pki.web;

import org.jspecify.annotations.NullMarked;
