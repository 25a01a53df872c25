"""The formatted texts of every fiche, rendered and sanitised once (see
Project.render_sections): the fiche's page then only reads them."""

from django.db import migrations, models

from projects import markup

FORMATTED_FIELDS = (
    "summary", "problem", "data", "causes", "target_group", "territory", "objectives",
    "approach", "rationale", "staffing", "timeline", "difficulties", "tips", "results",
    "lessons", "prerequisites", "adaptations", "kit",
)  # fmt: skip


def render_existing(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    batch = []
    for project in Project.objects.only("pk", *FORMATTED_FIELDS).iterator(chunk_size=500):
        project.sections_html = {
            name: markup.render(getattr(project, name))
            for name in FORMATTED_FIELDS
            if getattr(project, name)
        }
        batch.append(project)
        if len(batch) == 500:
            Project.objects.bulk_update(batch, ["sections_html"])
            batch = []
    Project.objects.bulk_update(batch, ["sections_html"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_catalogue_listing")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="sections_html",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(render_existing, migrations.RunPython.noop),
    ]
