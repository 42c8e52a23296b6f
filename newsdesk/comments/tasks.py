"""Background work for comments, run by `python -m newsdesk db_worker`."""

from django_tasks import task

from newsdesk.comments import services


@task()
def erase_commenter_data() -> int:
    """Erase the IP addresses and user agents of comments older than the retention period (run daily)."""
    return services.erase_commenter_data()
