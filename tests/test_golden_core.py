"""Golden output of the real command on one broken article per problem the core reports."""

from helpers import FIXTURES, run_cli


def test_core_fixtures_give_the_golden_output(golden):
    result = run_cli("--select", "schema,yaml,front-matter,encoding", "core", cwd=FIXTURES)
    golden("core.txt", result.stdout.decode("utf-8"))
    assert result.returncode == 1
    summary = result.stderr.decode("utf-8").strip().splitlines()[-1]
    golden("core-summary.txt", summary + "\n")
