DROP INDEX users_login_lower;
ALTER TABLE users DROP COLUMN disabled;
ALTER TABLE users DROP COLUMN must_change_password;
