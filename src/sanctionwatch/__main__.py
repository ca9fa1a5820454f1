"""``python -m sanctionwatch``: the command line."""

from sanctionwatch.cli import main

if __name__ == "__main__":
    main()
