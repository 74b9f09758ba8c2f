"""``python -m kzviewer``."""

import sys

from kzviewer.cli import main

sys.exit(main())
