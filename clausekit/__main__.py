"""``python -m clausekit``: the same as the ``clausekit`` command."""

from clausekit.cli import main

if __name__ == "__main__":
    main(prog_name="clausekit")
