
from django.db import migrations, models


def create_state(apps, schema_editor):
    """The single state row the integrator locks (the events are integrated on the next change,
    page view or `pactlog log backfill`)."""
    apps.get_model("log", "LogState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):

    initial = True

    dependencies = [("registry", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name='LogFile',
            fields=[
                ('path', models.CharField(max_length=120, primary_key=True, serialize=False)),
                ('data', models.BinaryField()),
            ],
        ),
        migrations.CreateModel(
            name='LogState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('size', models.PositiveBigIntegerField(default=0)),
                ('checkpoint', models.TextField(blank=True, default='')),
                ('updated_at', models.DateTimeField(null=True)),
            ],
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
