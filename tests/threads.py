"""Jobs run in threads released at the same instant, for the race tests on PostgreSQL."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread (own database connection), released at the same instant."""
    start = threading.Barrier(len(jobs))
    outcomes: list[Any] = [None] * len(jobs)

    def worker(index: int, job: Callable[[], Any]) -> None:
        start.wait()
        try:
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
