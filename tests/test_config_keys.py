"""The configuration keys' table (frontlint.settings.keys) is the one place a key is declared: what else names keys is held to it."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

from frontlint.cli.main import _project, build_parser
from frontlint.config.project import Overrides
from frontlint.config.public import Config
from frontlint.settings.keys import KEYS, SECTIONS
from frontlint.settings.resolved import Settings
from helpers import REPO, run_cli

# Settings fields that are no key: where a configuration lies and which file it is.
NOT_KEYS = ("base", "source")


def test_every_settings_field_is_a_key_s_with_the_key_s_default():
    declared = {}
    for key in KEYS:
        defaults = key.default if len(key.settings_fields) > 1 else (key.default,)
        declared.update(zip(key.settings_fields, defaults))
    fields = {name: default for name, default in Settings._field_defaults.items() if name not in NOT_KEYS}
    limits = fields.pop("limits")
    fields.update({f"limits.{name}": value for name, value in limits._asdict().items()})
    missing = {name: default for name, default in declared.items() if name not in fields}
    assert missing == {}, (
        f"add these fields, with these defaults, to Settings in frontlint/settings/resolved.py: {missing}"
    )
    assert fields == declared


def test_config_takes_every_key_a_library_may_set_by_its_keyword():
    keywords = [name for name in inspect.signature(Config.__init__).parameters if name not in ("self", "base")]
    missing = [key.keyword for key in KEYS if key.library and key.keyword not in keywords]
    assert missing == [], f"add these keywords to Config.__init__ in frontlint/config/public.py: {missing}"
    assert sorted(keywords) == sorted(key.keyword for key in KEYS if key.library)


def test_every_flag_of_a_key_is_an_option_of_the_command_and_laid_over_the_configuration():
    options = {option for action in build_parser()._actions for option in action.option_strings}
    flagged = [key for key in KEYS if key.flag is not None]
    missing = [key.flag for key in flagged if key.flag not in options]
    assert missing == [], f"add these options to build_parser in frontlint/cli/main.py: {missing}"
    # --baseline is not laid over the settings: frontlint.baseline.per_configuration applies it instead.
    laid_over = sorted(key.keyword for key in flagged if key.name != "baseline")
    fields = sorted(name for name in Overrides._fields if name != "run_time")
    assert fields == laid_over, (
        f"Overrides in frontlint/config/project.py needs a field (and a line in apply) for each of {laid_over}"
    )
    assert sorted(_keywords_the_command_passes_to_overrides()) == sorted([*laid_over, "run_time"]), (
        "pass each Overrides field from its option in _project (frontlint/cli/main.py)"
    )


def _keywords_the_command_passes_to_overrides() -> list[str]:
    """The keyword arguments of the one ``Overrides(...)`` call in ``frontlint.cli.main._project``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(_project)))
    (call,) = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Overrides"
    ]
    return [keyword.arg for keyword in call.keywords if keyword.arg is not None]


def test_the_readme_s_options_table_names_every_flag_of_a_key():
    usage = (REPO / "README.md").read_text(encoding="utf-8").partition("\n## Usage\n")[2].partition("\n## ")[0]
    rows = [line for line in usage.splitlines() if line.startswith("| `-")]
    missing = [key.flag for key in KEYS if key.flag is not None and not any(f"`{key.flag}" in row for row in rows)]
    assert missing == [], f"add a row to the README's options table (## Usage) for {missing}"


def test_every_key_is_shown_in_a_section_of_show_settings():
    assert sorted({key.section for key in KEYS}) == sorted(SECTIONS)


def test_the_readme_names_every_key_in_its_configuration_section_and_every_keyword_of_config():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    configuration = readme.partition("\n## Configuration\n")[2].partition("\n### Inline suppressions\n")[0]
    unnamed = [key.name for key in KEYS if f"`{key.name}" not in configuration]
    assert unnamed == [], f"add a row to the README's configuration key table for {unnamed}"
    library = readme.partition("\n### Options: `Config`\n")[2].partition("```")[0]
    named = set(re.findall(r"`(\w+)", library))
    missing = [key.keyword for key in KEYS if key.library and key.keyword not in named]
    unnamed = [keyword for keyword in missing if not keyword.startswith("max_") or "max_" not in named]
    assert unnamed == [], f'name these keywords in the README\'s "Options: `Config`" section: {unnamed}'


def test_show_settings_shows_every_key_as_configured(tmp_path):
    (tmp_path / "frontlint.toml").write_text(
        'select = ["schema", "url"]\nextend-select = ["text-html"]\nignore = ["url-syntax"]\n'
        'per-file-ignores = { "sub/" = ["url-insecure"] }\ninclude = ["*.md"]\nextend-include = ["*.mdown"]\n'
        'exclude = ["_site/"]\nextend-exclude = ["_drafts/"]\nrespect-gitignore = false\nforce-exclude = true\n'
        'schema = "article"\nper-file-schemas = { "sub/" = "article" }\nbaseline = "base.json"\n'
        'now = "2024-01-01T00:00:00Z"\nmax-front-matter-bytes = 1000\nmax-nesting-depth = 10\nmax-alias-nodes = 50\n'
        '[rules.image-dimensions]\nseverity = "warning"\nmax-pixels = 100\n[rules.text-html]\nseverity = "off"\n',
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    result = run_cli("--show-settings", "sub/a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == (
        'file                   = "sub/a.md"\n'
        f'config                 = "{tmp_path}/frontlint.toml"\n'
        f'folder                 = "{tmp_path}"\n'
        'path-in-folder         = "sub/a.md"\n'
        'schema                 = "article"\n'
        'default-schema         = "article"\n'
        'per-file-schemas       = {"sub/": "article"}\n'
        'select                 = ["schema", "url"]\n'
        'extend-select          = ["text-html"]\n'
        'ignore                 = ["url-syntax"]\n'
        'per-file-ignores       = {"sub/": ["url-insecure"]}\n'
        'ignored-in-this-file   = ["url-insecure"]\n'
        'severities             = {"image-dimensions": "warning", "text-html": "off"}\n'
        'rule-options           = {"image-dimensions": {"max-pixels": 100}}\n'
        'include                = ["*.md"]\n'
        'extend-include         = ["*.mdown"]\n'
        'exclude                = ["_site/"]\n'
        'extend-exclude         = ["_drafts/"]\n'
        "respect-gitignore      = false\n"
        "force-exclude          = true\n"
        f'baseline               = "{tmp_path}/base.json"\n'
        'now                    = "2024-01-01T00:00:00+00:00"\n'
        "max-front-matter-bytes = 1000\n"
        "max-nesting-depth      = 10\n"
        "max-alias-nodes        = 50\n"
        'linted-when-walked     = "yes"\n'
    )


def test_of_two_faults_the_one_checked_first_by_its_reading_is_the_error(tmp_path):
    """Keys are checked by their reading (rules, selectors, ..., now, schema, files): not by line, not by the table."""
    (tmp_path / "frontlint.toml").write_text(
        'select = ["nope"]\nnow = "bad"\nbaseline = "a\\u0000b"\n[rules.encoding]\nseverity = "off"\n',
        encoding="utf-8",
    )
    result = run_cli("x.md", cwd=tmp_path)
    assert result.stderr.decode().startswith(
        f"frontlint: error: {tmp_path}/frontlint.toml:5: rules.encoding.severity cannot"
    )
    (tmp_path / "frontlint.toml").write_text('baseline = "a\\u0000b"\nnow = "bad"\n', encoding="utf-8")
    result = run_cli("x.md", cwd=tmp_path)
    assert result.stderr.decode() == (
        f"frontlint: error: {tmp_path}/frontlint.toml:2: now = 'bad' is not an RFC 3339 date-time such as "
        "2024-01-01T00:00:00Z\n"
    )
