"""Problems the user can act on: each message says what happened and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from .labels import RESTORE_FROM_BACKUP
from .plurals import counted


@dataclass(frozen=True)
class Advice:
    """What to do, said for each face: in the app, naming its menus and buttons in their own words; at the command
    line, naming `swhc` commands and never anything to click."""

    app: str
    cli: str

    def then(self, more: str) -> Advice:
        """The same advice with words that hold for both faces after it ('The file has not been changed.')."""
        return Advice(f"{self.app} {more}", f"{self.cli} {more}")


RESTORE_A_BACKUP = Advice(
    f"Restore it from a backup ({RESTORE_FROM_BACKUP}).",
    "Restore it from one of its backups: SWHC Desktop takes one before every import, update and deletion.",
)


class SwhcError(Exception):
    """A problem caused by the user's input or files rather than by a bug.

    The message is written for the person using the app: what happened, then what to do.
    The GUI shows it in a message box; the command line prints it as one line and exits 2.
    """

    title = "Something needs your attention"

    def __init__(self, message: str, advice: str | Advice = ""):
        super().__init__(message)
        self.message = message
        self.advice = advice.app if isinstance(advice, Advice) else advice
        self.cli_advice = advice.cli if isinstance(advice, Advice) else advice

    def __str__(self) -> str:
        return f"{self.message} {self.advice}".strip()

    def for_command_line(self) -> str:
        """The message with the advice the command line gives: commands to run, never menus or buttons."""
        return f"{self.message} {self.cli_advice}".strip()


class FileProblem(SwhcError):
    """A health-check file could not be opened or saved as asked."""

    title = "The file could not be opened"


class FileMissing(FileProblem):
    pass


class FileAlreadyExists(FileProblem):
    title = "The file already exists"


class NotAHealthCheckFile(FileProblem):
    pass


class FileTooNew(FileProblem):
    pass


class CorruptFile(FileProblem):
    pass


class UntrustedFile(CorruptFile):
    """A file that holds what SWHC Desktop never puts in one: another program's trigger, view or table, a changed
    definition, or values outside their columns' meaning. It is refused before anything in it is used."""

    def __init__(self, name: str, problems: list[str]):
        more = f" (and {counted(len(problems) - 1, 'more problem')})" if len(problems) > 1 else ""
        super().__init__(
            f"{name} holds things SWHC Desktop did not put there, so it was not opened. {problems[0]}{more}",
            Advice(
                "It may have been changed by another program: ask whoever sent it for a copy saved by SWHC Desktop, or "
                f"restore a backup ({RESTORE_FROM_BACKUP}). The file has not been changed.",
                "It may have been changed by another program: ask whoever sent it for a copy saved by SWHC Desktop, or "
                "restore one of its backups. 'swhc check' lists every problem. The file has not been changed.",
            ),
        )
        self.problems = problems


class FileInUse(FileProblem):
    title = "The file is in use"


class FileReadOnly(FileProblem):
    title = "The file is read-only"


class SaveFailed(FileProblem):
    """A change could not be written; the file holds what it held before the change."""

    title = "The change was not saved"


class InvalidInput(SwhcError):
    """A value the user typed or chose cannot be used."""

    title = "Please check what you entered"


class TemplateProblem(SwhcError):
    title = "The questionnaire template could not be read"


class NoProgramToOpen(SwhcError):
    """A file the app made is saved, but the computer has no program set to open files of its kind."""

    title = "The file is saved, but could not be opened"
