-- Portable SQL: runs unchanged on H2 and PostgreSQL.
-- Last CRL number issued by each CA (RFC 5280 §5.2.3: monotonically increasing per CA).
alter table ca add column crl_number bigint default 0 not null;
