"""Counters for ``/metrics`` in Prometheus' text format (one set per server process)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Metrics:
    uploads: dict[str, int] = field(default_factory=dict)  # by outcome
    upload_bytes: int = 0
    merges: dict[str, int] = field(default_factory=dict)  # merged / held
    merge_seconds_sum: float = 0.0
    merge_records: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def upload(self, outcome: str, nbytes: int = 0) -> None:
        with self._lock:
            self.uploads[outcome] = self.uploads.get(outcome, 0) + 1
            self.upload_bytes += nbytes

    def received(self, nbytes: int) -> None:
        with self._lock:
            self.upload_bytes += nbytes

    def merge(self, status: str, seconds: float, records: int) -> None:
        with self._lock:
            self.merges[status] = self.merges.get(status, 0) + 1
            self.merge_seconds_sum += seconds
            self.merge_records += records

    def render(self, inbox_counts: dict[str, int]) -> str:
        with self._lock:
            lines = [
                "# HELP fieldapp_uploads_total Upload requests by outcome.",
                "# TYPE fieldapp_uploads_total counter",
                *[f'fieldapp_uploads_total{{outcome="{k}"}} {v}' for k, v in sorted(self.uploads.items())],
                "# HELP fieldapp_upload_bytes_total Bundle bytes received.",
                "# TYPE fieldapp_upload_bytes_total counter",
                f"fieldapp_upload_bytes_total {self.upload_bytes}",
                "# HELP fieldapp_merges_total Uploads merged or held by this process.",
                "# TYPE fieldapp_merges_total counter",
                *[f'fieldapp_merges_total{{status="{k}"}} {v}' for k, v in sorted(self.merges.items())],
                "# HELP fieldapp_merge_seconds Time spent merging uploads.",
                "# TYPE fieldapp_merge_seconds summary",
                f"fieldapp_merge_seconds_sum {self.merge_seconds_sum:.6f}",
                f"fieldapp_merge_seconds_count {sum(self.merges.values())}",
                "# HELP fieldapp_merged_records_total Records new or updated by merges.",
                "# TYPE fieldapp_merged_records_total counter",
                f"fieldapp_merged_records_total {self.merge_records}",
            ]
        lines += [
            "# HELP fieldapp_inbox_uploads Uploads in HQ's inbox by status (all processes).",
            "# TYPE fieldapp_inbox_uploads gauge",
            *[f'fieldapp_inbox_uploads{{status="{k}"}} {v}' for k, v in sorted(inbox_counts.items())],
            "# HELP fieldapp_held_uploads Uploads held for staff.",
            "# TYPE fieldapp_held_uploads gauge",
            f"fieldapp_held_uploads {inbox_counts.get('held', 0)}",
        ]
        return "\n".join(lines) + "\n"
