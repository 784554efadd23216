"""``python -m turbine``: the same as the ``turbine`` command."""

import sys

from turbine.cli import main

sys.exit(main())
