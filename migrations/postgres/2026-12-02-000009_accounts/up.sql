-- Accounts: a password to change at the next sign-in (after the administrator's reset), a
-- disabled flag, and logins unique whatever their case.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX users_login_lower ON users (lower(login));
