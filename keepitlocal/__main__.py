"""`python -m keepitlocal`: the command line (keepitlocal.cli)."""

import sys

from keepitlocal.cli import main

if __name__ == "__main__":
    sys.exit(main())
