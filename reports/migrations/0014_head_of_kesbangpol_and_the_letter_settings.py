"""The role of the head of Kesbangpol, who initials (paraf) the letter before the Sekda signs it,
and the one row of the letter settings with its defaults, so that reading it never writes."""

from django.db import migrations

ROLE = "Kepala Kesbangpol"


def add(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)
    apps.get_model("reports", "LetterSettings").objects.get_or_create(pk=1)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0013_the_letter"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add, remove)]
