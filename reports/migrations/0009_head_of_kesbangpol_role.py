"""The role of the head of Kesbangpol, who initials (paraf) the letter before the Sekda signs it."""

from django.db import migrations

ROLE = "Kepala Kesbangpol"


def add_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_letter_settings")]

    operations = [migrations.RunPython(add_role, remove_role)]
