"""Monitoring: after a list update, the stored subjects against only what changed.

The engine-free core shared by the ``monitor`` command (which screens on a batch engine) and
the service (which screens in-process when it notices a new list version on its own).
:func:`run_monitor` re-screens the stored subjects against the added and changed entities
(:func:`rescreen_delta`, a small index over just those, and :class:`SubjectKeys` to skip the
subjects that cannot match them) and notes removed entities on the alerts they caused;
:func:`monitor_version` does it once per list version, however many processes watch. The
screening step is passed in: a :class:`DeltaScreener` such as :func:`screen_in_process`.
"""

from sanctionwatch.monitor.delta import (
    DeltaHit,
    DeltaResult,
    DeltaScreener,
    Screened,
    Subjects,
    rescreen_delta,
    screen_in_process,
)
from sanctionwatch.monitor.monitoring import (
    MONITOR_USER,
    MonitorReport,
    monitor_version,
    run_monitor,
)
from sanctionwatch.monitor.subjects import SubjectKeys

__all__ = [
    "MONITOR_USER",
    "DeltaHit",
    "DeltaResult",
    "DeltaScreener",
    "MonitorReport",
    "Screened",
    "SubjectKeys",
    "Subjects",
    "monitor_version",
    "rescreen_delta",
    "run_monitor",
    "screen_in_process",
]
