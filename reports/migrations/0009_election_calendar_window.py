"""Each election keeps the window every date of a report must lie in (issue 12).

For Pilkada Serentak 2024 the window runs from the campaign's start, 25 September 2024, to the end of
the vote's recapitulation, 16 December 2024 (PKPU 2/2024; shared/data/README.md): the stages the
desk follows with its weekly rakor. Any other election already stored gets the same span around its
own dates (campaign start to voting day plus the 19 days of recapitulation); an admin can change it.
"""

import datetime as dt

from django.db import migrations, models

PILKADA_2024 = "Pilkada Serentak 2024"
RECAPITULATION_END = dt.date(2024, 12, 16)
RECAPITULATION_DAYS = 19  # 27 November to 16 December 2024


def set_window(apps, schema_editor):
    Election = apps.get_model("reports", "Election")
    for election in Election.objects.all():
        election.calendar_start = election.campaign_start
        election.calendar_end = (
            RECAPITULATION_END
            if election.name == PILKADA_2024
            else election.voting_day + dt.timedelta(days=RECAPITULATION_DAYS)
        )
        election.save(update_fields=["calendar_start", "calendar_end"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_forwarded_brief_versions")]

    operations = [
        migrations.AddField(
            model_name="election",
            name="calendar_start",
            field=models.DateField(null=True, verbose_name="awal tahapan yang dipantau"),
        ),
        migrations.AddField(
            model_name="election",
            name="calendar_end",
            field=models.DateField(null=True, verbose_name="akhir tahapan yang dipantau"),
        ),
        migrations.RunPython(set_window, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="election",
            name="calendar_start",
            field=models.DateField(
                help_text="Tanggal paling awal dalam laporan dan barisnya; paling lambat awal masa kampanye.",
                verbose_name="awal tahapan yang dipantau",
            ),
        ),
        migrations.AlterField(
            model_name="election",
            name="calendar_end",
            field=models.DateField(
                help_text="Tanggal paling akhir dalam laporan dan barisnya; paling cepat hari pemungutan suara, biasanya akhir rekapitulasi suara.",
                verbose_name="akhir tahapan yang dipantau",
            ),
        ),
        migrations.AddConstraint(
            model_name="election",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("calendar_start__lte", models.F("campaign_start")),
                    ("calendar_end__gte", models.F("voting_day")),
                ),
                name="election_calendar_covers_campaign_to_voting",
                violation_error_message="Tahapan yang dipantau harus mencakup masa kampanye sampai hari pemungutan suara.",
            ),
        ),
    ]
