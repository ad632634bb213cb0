"""The real seed article gives exactly what a careful reader expects, and nothing else."""

from helpers import SEED, run_cli


def test_the_seed_gives_the_insecure_image_only():
    """The boilerplate excerpt of line 103 is in a related entry, a copy: reported with check-related only."""
    result = run_cli("--isolated", "--now", "2026-11-26T00:00:00Z", str(SEED.relative_to(SEED.parents[2])))
    assert result.stdout.decode().splitlines() == [
        "examples/_news/2021-07-28-chinas-top-court-specifies-rules-for-facial-recognition.md:112:14: warning: "
        "insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]
    assert result.stderr.decode() == "0 errors, 1 warning in 1 of 1 file\n"
    assert result.returncode == 0
