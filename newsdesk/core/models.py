from django.db import models


class ScheduledJob(models.Model):
    """When a periodic job (core.schedule) last ran, shared by every worker on every machine."""

    name = models.CharField(max_length=100, primary_key=True)
    last_run_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.name
