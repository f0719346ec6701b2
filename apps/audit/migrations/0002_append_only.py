"""On PostgreSQL, the access log is append-only: UPDATE is refused, and DELETE only for rows
older than the retention period (the scheduled culling), whoever connects through Django.
(TRUNCATE is a table owner's operation; in production the application's database role should
not own the table — see README, "Security and privacy".)"""

from django.db import migrations

RETENTION_YEARS = 5

FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_accesslog is append-only: UPDATE refused';
    END IF;
    IF TG_OP = 'DELETE' AND OLD.at > now() - interval '{RETENTION_YEARS} years' THEN
        RAISE EXCEPTION 'audit_accesslog rows younger than {RETENTION_YEARS} years cannot be deleted';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_accesslog_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslog
    FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_accesslog_append_only ON audit_accesslog;
DROP FUNCTION IF EXISTS audit_accesslog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
