from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import task

from newsdesk.core import schedule

pytestmark = pytest.mark.django_db

RUNS = []


@task()
def record_run() -> None:
    RUNS.append(timezone.now())


@pytest.fixture
def hourly_job(monkeypatch):
    RUNS.clear()
    monkeypatch.setattr(schedule, "_jobs", {})
    schedule.register("test.hourly", record_run, every=timedelta(hours=1))


def test_a_job_runs_on_the_first_tick(hourly_job):
    assert schedule.tick() == ["test.hourly"]
    assert len(RUNS) == 1


def test_a_job_does_not_run_again_before_its_interval(hourly_job):
    now = timezone.now()
    schedule.tick(at=now)

    assert schedule.tick(at=now + timedelta(minutes=59)) == []
    assert len(RUNS) == 1


def test_a_job_runs_again_once_its_interval_has_passed(hourly_job):
    now = timezone.now()
    schedule.tick(at=now)

    assert schedule.tick(at=now + timedelta(hours=1)) == ["test.hourly"]
    assert len(RUNS) == 2


def test_the_news_sitemap_is_rebaked_every_hour():
    names = {job.name: job.every for job in schedule.jobs()}

    assert names["publishing.rebake-time-sensitive"] == timedelta(hours=1)
