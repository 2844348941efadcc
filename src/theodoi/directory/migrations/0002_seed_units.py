"""Load the country and the 63 provinces (34 in force from 01/07/2025, 29 merged into them)."""

from django.db import migrations


def seed(apps, schema_editor):
    from theodoi.directory.services import units_seed_into

    units_seed_into(apps.get_model("directory", "AdministrativeUnit"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    # Reversing leaves the units in place: plans and agencies point at them.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
