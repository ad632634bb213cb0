"""How many edits apart two names are: what ``key-near-miss`` measures a misspelt key by."""

from __future__ import annotations


def edit_distance(first: str, second: str, limit: int) -> int:
    """The Damerau-Levenshtein distance of two strings (optimal string alignment), or ``limit + 1`` when above ``limit``.

    One edit is inserting, deleting or replacing a character, or swapping two neighbours
    (``orignal`` → ``original`` is one). Rows stop early once every cell is above ``limit``.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, 1):
        current = [row] + [0] * len(second)
        for column, other in enumerate(second, 1):
            cost = 0 if char == other else 1
            current[column] = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
            if row > 1 and column > 1 and char == second[column - 2] and first[row - 2] == other:
                current[column] = min(current[column], before[column - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)
