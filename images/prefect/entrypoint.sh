#!/bin/bash
# The official image's entrypoint, less its run-time `pip install` of EXTRA_PIP_PACKAGES (nothing
# is downloaded at run time here): run the command given.
set -e
exec "$@"
