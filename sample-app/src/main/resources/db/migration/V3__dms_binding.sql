-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- CAs whose certificates a DMS accepts for re-enrollment; empty means its issuing CA only.
alter table dms add column reenroll_ca_ids varchar(1000) default '' not null;

-- The DMS every certificate issued through EST was issued for: re-enrollment looks the client certificate up
-- here by serial and accepts it only on that DMS. No foreign key to dms: deleting a DMS deletes its rows.
create table dms_certificate (
    serial                varchar(64)  primary key,
    dms_id                varchar(64)  not null,
    device_id             varchar(255) not null,
    issued_at             timestamp with time zone not null
);

create index dms_certificate_device on dms_certificate (device_id);

-- Devices enrolled before this table existed keep re-enrolling with their current certificate on their DMS.
insert into dms_certificate (serial, dms_id, device_id, issued_at)
    select certificate_serial, dms_id, id, updated_at from device where certificate_serial is not null;
