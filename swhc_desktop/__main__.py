"""`python -m swhc_desktop` starts the app, as `swhc-desktop` does."""

import sys

from swhc_desktop.gui.app import main  # absolute: PyInstaller runs this file as a script

sys.exit(main())
