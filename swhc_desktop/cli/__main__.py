"""`python -m swhc_desktop.cli` runs the command line, as `swhc` does."""

import sys

from swhc_desktop.cli import main  # absolute: PyInstaller runs this file as a script

sys.exit(main())
