package io.selfobs.autoconfigure.jdbc.internal;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlSanitizerTests {

	private final SqlSanitizer sanitizer = new SqlSanitizer();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			textBlock = """
					SELECT * FROM t WHERE a = 'x' AND b = 42                    | SELECT * FROM t WHERE a = ? AND b = ?
					SELECT name FROM items WHERE id = 7 AND owner = 'alice@example.com' | SELECT name FROM items WHERE id = ? AND owner = ?
					UPDATE t SET v = 'it''s secret' WHERE id = 1                | UPDATE t SET v = ? WHERE id = ?
					UPDATE t SET v = 'it\\'s secret' WHERE id = 1               | UPDATE t SET v = ? WHERE id = ?
					INSERT INTO t VALUES ('a', 'b''c', '', 'd\\\\')             | INSERT INTO t VALUES (?, ?, ?, ?)
					SELECT * FROM t WHERE x = -3.5e-7 OR y = .25 OR z = 0x1F    | SELECT * FROM t WHERE x = -? OR y = ? OR z = ?
					SELECT t1.col2, table_3.x FROM t1 JOIN table_3 ON t1.id = table_3.id | SELECT t1.col2, table_3.x FROM t1 JOIN table_3 ON t1.id = table_3.id
					SELECT * FROM t WHERE a = ? AND b = :name AND c = $1 AND d = @p2 | SELECT * FROM t WHERE a = ? AND b = :name AND c = $1 AND d = @p2
					SELECT "Order"."id" FROM "Order" WHERE "Order".total > 100 | SELECT "Order"."id" FROM "Order" WHERE "Order".total > ?
					SELECT `col` FROM `tbl` WHERE `col` = 'v'                   | SELECT `col` FROM `tbl` WHERE `col` = ?
					SELECT [Name] FROM [dbo].[Users] WHERE [Id] = 9             | SELECT [Name] FROM [dbo].[Users] WHERE [Id] = ?
					SELECT * FROM t -- owner = 'bob'                            | SELECT * FROM t
					SELECT /* card 4111111111111111 */ a FROM t                 | SELECT a FROM t
					SELECT N'ünïcode', E'esc\\'aped', X'DEADBEEF', B'0101' FROM t | SELECT ?, ?, ?, ? FROM t
					SELECT _utf8mb4'secret' FROM dual                           | SELECT ? FROM dual
					SELECT q'[it's a 'secret']' FROM dual                       | SELECT ? FROM dual
					SELECT $$body with 'quotes' and 42$$, $fn$ x $fn$ FROM t    | SELECT ?, ? FROM t
					SELECT * FROM t WHERE a IN (1, 2, 3) LIMIT 10 OFFSET 20     | SELECT * FROM t WHERE a IN (?, ?, ?) LIMIT ? OFFSET ?
					SELECT '5'::int, col::text FROM t                           | SELECT ?::int, col::text FROM t
					SELECT * FROM t WHERE a = 'unterminated secret              | SELECT * FROM t WHERE a = ?
					SELECT * FROM t /* unterminated secret                     | SELECT * FROM t
					SELECT TRUE, FALSE, NULL FROM t                             | SELECT TRUE, FALSE, NULL FROM t
					SELECT 1                                                    | SELECT ?
					""")
	void stripsLiteralsAndCommentsKeepsStructure(String sql, String expected) {
		assertThat(this.sanitizer.sanitize(sql).strip()).isEqualTo(expected);
	}

	@Test
	void commentsAreRemovedWithoutLeakingAcrossLines() {
		assertThat(this.sanitizer.sanitize("SELECT a -- owner 'bob'\nFROM t WHERE b = 2"))
			.isEqualTo("SELECT a \nFROM t WHERE b = ?");
	}

	@Test
	void aSecretNeverSurvivesAnyQuotingTrick() {
		String secret = "s3cr3tValue";
		String[] statements = { "SELECT '" + secret + "'", "SELECT 'a''" + secret + "'", "SELECT 'a\\'" + secret + "'",
				"SELECT e'\\'" + secret + "'", "SELECT $$" + secret + "$$", "SELECT $t$" + secret + "$t$",
				"SELECT q'{" + secret + "}'", "SELECT 1 /*" + secret + "*/", "SELECT 1 -- " + secret,
				"SELECT '" + secret, "SELECT 'x' || '" + secret + "' || 'y'", "SELECT n'" + secret + "'" };
		for (String statement : statements) {
			assertThat(this.sanitizer.sanitize(statement)).as(statement).doesNotContain(secret);
		}
	}

	@Test
	void theCacheIsBounded() {
		IntStream.range(0, SqlSanitizer.CACHE_SIZE + 100)
			.forEach((i) -> this.sanitizer.sanitize("SELECT c" + i + " FROM t WHERE id = " + i));
		assertThat(this.sanitizer.cacheSize()).isEqualTo(SqlSanitizer.CACHE_SIZE);
		assertThat(this.sanitizer.sanitize("SELECT c5000 FROM t WHERE id = 5000"))
			.isEqualTo("SELECT c5000 FROM t WHERE id = ?");
		String huge = "SELECT '" + "x".repeat(SqlSanitizer.MAX_CACHED_LENGTH) + "'";
		SqlSanitizer fresh = new SqlSanitizer();
		assertThat(fresh.sanitize(huge)).isEqualTo("SELECT ?");
		assertThat(fresh.cacheSize()).isZero();
	}

	@Test
	void aCachedStatementIsTheSameResult() {
		String first = this.sanitizer.sanitize("SELECT name FROM items WHERE id = 7");
		assertThat(this.sanitizer.sanitize("SELECT name FROM items WHERE id = 7")).isSameAs(first);
	}

}
