"""`python -m search`: the `izde` command, for when its script is not on PATH."""

from search.cli import main

if __name__ == "__main__":
    main()
