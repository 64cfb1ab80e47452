from core import periodic


def test_jobs_run_when_due_and_a_failure_does_not_stop_others(monkeypatch, db):
    calls = []
    monkeypatch.setattr(periodic, "_jobs", {})

    @periodic.every(seconds=10)
    def tick():
        calls.append("tick")

    @periodic.every(seconds=10)
    def broken():
        raise RuntimeError("boom")

    periodic.run_due_jobs(now=100.0)
    periodic.run_due_jobs(now=105.0)  # not due yet
    periodic.run_due_jobs(now=110.0)
    assert calls == ["tick", "tick"]
