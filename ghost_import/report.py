"""What an import did, counted per kind of Ghost object, with the reasons for each skip."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("imported", "updated", "unchanged", "skipped")


@dataclass
class Report:
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    unconverted: Counter = field(default_factory=Counter)
    images_missing: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def skip(self, kind, name, reason):
        self.count(kind, "skipped")
        self.skipped.append((kind, name, reason))

    def note(self, message):
        self.notes.append(message)

    def lines(self):
        """The report as text lines, for the command's output."""
        title = "Ghost import (dry run: nothing was written)" if self.dry_run else "Ghost import"
        lines = [title]
        for kind, counter in self.counts.items():
            figures = ", ".join(f"{counter[outcome]} {outcome}" for outcome in OUTCOMES)
            lines.append(f"  {kind}: {figures}")
        if self.skipped:
            lines.append("Skipped:")
            lines += [f"  {kind} {name}: {reason}" for kind, name, reason in self.skipped]
        if self.unconverted:
            lines.append("Cards kept as HTML or not converted (listed by type):")
            lines += [f"  {card}: {n}" for card, n in self.unconverted.most_common()]
        if self.images_missing:
            lines.append("Images not imported:")
            lines += [f"  {url}: {why}" for url, why in sorted(self.images_missing.items())]
        if self.notes:
            lines.append("Notes:")
            lines += [f"  {note}" for note in self.notes]
        return lines
