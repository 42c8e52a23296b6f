from django.core.management.base import BaseCommand

from newsdesk.core import schedule
from newsdesk.core.tasks import start_schedule


class Command(BaseCommand):
    help = "Start the periodic jobs (the worker then keeps them going). Safe to run any number of times."

    def handle(self, *args, verbosity: int = 1, **options):
        start_schedule()
        if verbosity:
            for job in schedule.jobs():
                self.stdout.write(f"  {job.name}: every {job.every}")
