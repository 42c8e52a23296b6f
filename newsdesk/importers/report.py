"""What an import did: counts imported, updated and skipped per kind, each skip with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

ACTIONS = ("imported", "updated", "skipped")


@dataclass
class ImportReport:
    source: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    skips: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, action: str) -> None:
        per_kind = self.counts.setdefault(kind, dict.fromkeys(ACTIONS, 0))
        per_kind[action] += 1

    def skip(self, kind: str, what: str, reason: str) -> None:
        self.count(kind, "skipped")
        self.skips.append(f"{what}: {reason}")

    def note(self, what: str, message: str) -> None:
        self.notes.append(f"{what}: {message}")

    def total(self, kind: str, action: str) -> int:
        return self.counts.get(kind, {}).get(action, 0)

    def summary(self) -> str:
        """One line a kind: "posts: 12 imported, 0 updated, 2 skipped"."""
        return "\n".join(
            f"{kind}: " + ", ".join(f"{n} {action}" for action, n in counts.items()) for kind, counts in self.counts.items()
        )

    def __str__(self) -> str:
        parts = [self.summary()]
        if self.skips:
            parts.append("Skipped:\n" + "\n".join(f"  - {line}" for line in self.skips))
        if self.notes:
            parts.append("Notes:\n" + "\n".join(f"  - {line}" for line in self.notes))
        return "\n".join(parts)
