"""PostgreSQL: keep each fiche's search vector in the table's row, compressed, and push the long
texts out of the row instead.

With the default storage, the vector (1 to 2 kB per fiche) went to the TOAST table with the
texts: every search, every facet count of a search and every ranking fetched it from there
for each fiche it looked at, about five times slower than reading it from the row. The
trigger of 0003 then stores every vector again, the new way.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE projects_project ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE projects_project SET title = title;
"""

BACKWARD = """
ALTER TABLE projects_project ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_listed_facets_index")]

    operations = [migrations.RunPython(forward, backward)]
