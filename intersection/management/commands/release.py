"""The release step of a deployment: run it once per release, before the new containers take
traffic (README). It applies the migrations and creates the database cache tables, so that a
forgotten step can never leave a page answering 500 while /readyz says ready."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Release step: apply the migrations and create the cache tables."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
        call_command("createcachetable", verbosity=verbosity, stdout=self.stdout)
        self.stdout.write("Release done: migrations applied, cache tables present.")
