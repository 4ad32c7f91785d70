"""The one row of the letter settings, with its defaults, so that reading it never writes."""

from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("reports", "LetterSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("reports", "0010_letter_register_and_chain")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
