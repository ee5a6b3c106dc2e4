package com.example.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal service: one endpoint that logs, and selfobs from its starter.
 */
@SpringBootApplication
@RestController
public class OrdersApplication {

	private static final Logger logger = LoggerFactory.getLogger(OrdersApplication.class);

	@GetMapping("/orders/{id}")
	String order(@PathVariable String id) {
		logger.atInfo().addKeyValue("order_id", id).log("Order looked up");
		return "order " + id;
	}

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

}
