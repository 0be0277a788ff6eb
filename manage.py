#!/usr/bin/env python
"""Django's command-line utility.

The default settings module is production (it refuses to start without real
secrets). `make run` selects config.settings.demo explicitly; tests use
config.settings.test.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
