"""Batches of responses taken out of a cycle and put back, as changes the PSW can undo (undoing an import takes its
batch out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.records import RemovedBatch

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class RemoveBatch:
    """Take a batch and every response it added out of the file; undoing it puts back every row it held, with the
    same ids."""

    batch_id: int
    description: str = "remove a batch"

    def apply(self, hc: "HealthCheckFile") -> "PutBackBatch":
        return PutBackBatch(hc.responses.take_out_batch(self.batch_id), self.description)


@dataclass(frozen=True)
class PutBackBatch:
    removed: RemovedBatch
    description: str = "put back a batch"

    def apply(self, hc: "HealthCheckFile") -> RemoveBatch:
        hc.responses.put_back_batch(self.removed)
        return RemoveBatch(self.removed.batch[0], self.description)
