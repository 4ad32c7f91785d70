"""The reminder schedule most desks use: H-1 at 16.00 and H-0 at 06.00 WITA (the admin edits it)."""

import datetime as dt

from django.db import migrations


def add_slots(apps, schema_editor):
    ReminderSlot = apps.get_model("notifications", "ReminderSlot")
    for days_before, time in ((1, dt.time(16, 0)), (0, dt.time(6, 0))):
        ReminderSlot.objects.get_or_create(days_before=days_before, time=time)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_notifications_contacts_schedule_log")]

    operations = [migrations.RunPython(add_slots, migrations.RunPython.noop)]
