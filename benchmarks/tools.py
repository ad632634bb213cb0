"""The tools compared: how each is installed and run, each in its best configuration.

- frontlint, from this checkout (``python -m frontlint`` with ``PYTHONPATH`` set to it);
- the bare libyaml parse (``experiments/bare_parse.py``), the floor any linter stands on;
- check-jsonschema from PyPI in a scratch venv, with ``ruamel.yaml.clib`` (ruamel.yaml's C
  loader; since ruamel.yaml 0.19 it is an optional extra, ``oldlibyaml``, and without it
  every file is parsed in pure Python);
- remark with remark-lint-frontmatter-schema from npm, given a draft-07 copy of the contract.

A tool that cannot be installed or run is returned with ``error`` set: its rows say why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from measure import HERE, REPO, SCHEMA, SCRATCH, Command, base_env, last_line, log

BARE_PARSE = HERE / "experiments" / "bare_parse.py"
CHECK_JSONSCHEMA_PACKAGES = ("check-jsonschema", "ruamel.yaml.clib")
REMARK_PACKAGES = ("remark-cli", "remark-frontmatter", "remark-lint-frontmatter-schema")
INSTALL_TIMEOUT = 900


def count_frontlint(output: str) -> int:
    """The problems in frontlint's text report."""
    return len(re.findall(r"^.+:\d+:\d+: (?:error|warning): ", output, re.MULTILINE))


def count_check_jsonschema(output: str) -> int:
    """The problems in check-jsonschema's report: schema errors and files it could not parse."""
    return len(re.findall(r"^\s+\S+::\$", output, re.MULTILINE)) + output.count("Failed to parse ")


def count_remark(output: str) -> int | None:
    """The problems remark's summary line counts, or None when its output is not understood."""
    found = re.findall(r"(\d+) (?:warnings?|errors?|messages?)\b", output)
    return sum(int(n) for n in found) if found else (0 if output.strip() == "" else None)


def count_bare_parse(output: str) -> int | None:
    """The files the bare parse found without front matter or valid YAML."""
    match = re.search(r"(\d+) without", output)
    return int(match.group(1)) if match else None


def bare_parse(jobs: int, paths: list[str], cwd: Path) -> Command:
    """``bare_parse.py --jobs J PATH...``: libyaml's compose of every front matter, nothing else."""
    return Command(
        f"bare libyaml parse, {jobs} processes",
        [[sys.executable, str(BARE_PARSE), "--jobs", str(jobs), *paths]],
        cwd,
        base_env(),
        ok_codes=(0,),
        count_problems=count_bare_parse,
    )


@dataclass
class Frontlint:
    """frontlint as run from this checkout, always with ``--isolated`` (no configuration around the corpus)."""

    argv: list[str]
    env: dict[str, str]
    version: str
    error: str | None = None

    @classmethod
    def detect(cls) -> Frontlint:
        """frontlint from this checkout, with its version, or with ``error`` when it does not start."""
        env = base_env()
        env["PYTHONPATH"] = str(REPO)
        argv = [sys.executable, "-m", "frontlint"]
        try:
            version = subprocess.run(argv + ["--version"], env=env, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as error:
            return cls(argv, env, "?", f"not available: {error}")
        if version.returncode != 0:
            return cls(argv, env, "?", f"not available: {last_line(version.stderr or version.stdout)}")
        return cls(argv, env, last_line(version.stdout))

    def options(self, jobs: int | None) -> list[str]:
        """The options of every timed run: ``--isolated -q``, and ``--jobs`` when given."""
        return ["--isolated", "-q", *(["--jobs", str(jobs)] if jobs is not None else [])]

    def command(self, label: str, paths: list[str], cwd: Path, jobs: int | None, note: str = "") -> Command:
        """frontlint on ``paths`` in ``cwd``."""
        command = Command(
            label, [self.argv + self.options(jobs) + paths], cwd, self.env, count_problems=count_frontlint, note=note
        )
        command.error = self.error
        return command


@dataclass
class CheckJsonschema:
    """check-jsonschema with ruamel.yaml's C loader, in a scratch venv."""

    executable: Path | None
    version: str = "?"
    error: str | None = None

    @classmethod
    def install(cls) -> CheckJsonschema:
        """Install check-jsonschema and ruamel.yaml.clib once (kept in the scratch folder); say their versions."""
        venv = SCRATCH / "venv-check-jsonschema"
        python, executable = venv / "bin" / "python", venv / "bin" / "check-jsonschema"
        try:
            if not executable.exists():
                log("installing check-jsonschema from PyPI into a scratch venv")
                if venv.exists():
                    shutil.rmtree(venv)
                subprocess.run(
                    [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=INSTALL_TIMEOUT
                )
            if not _has_c_loader(python):  # a venv made before the C loader was asked for gets it
                log(f"installing {', '.join(CHECK_JSONSCHEMA_PACKAGES)} from PyPI into {venv.relative_to(REPO)}")
                subprocess.run(
                    [
                        str(python),
                        "-m",
                        "pip",
                        "install",
                        "-q",
                        "--disable-pip-version-check",
                        *CHECK_JSONSCHEMA_PACKAGES,
                    ],
                    check=True,
                    capture_output=True,
                    timeout=INSTALL_TIMEOUT,
                )
            out = subprocess.run([str(executable), "--version"], capture_output=True, timeout=120)
        except subprocess.CalledProcessError as error:
            return cls(None, error=f"not available: install failed: {last_line(error.stderr or b'')}")
        except (OSError, subprocess.TimeoutExpired) as error:
            return cls(None, error=f"not available: {error}")
        if out.returncode != 0:
            return cls(None, error=f"not available: {last_line(out.stderr or out.stdout)}")
        if not _has_c_loader(python):
            return cls(
                None, error="not available: ruamel.yaml does not use its C loader after installing ruamel.yaml.clib"
            )
        return cls(executable, f"{last_line(out.stdout)}, {_versions(python, 'ruamel.yaml', 'ruamel.yaml.clib')}")

    def command(self, label: str, files: list[str], cwd: Path) -> Command:
        """`check-jsonschema --schemafile SCHEMA FILE...`, in batches as large as the OS allows (xargs)."""
        env = base_env()
        base = [str(self.executable), "--schemafile", str(SCHEMA)]
        command = Command(label, batches(base, files, env), cwd, env, count_problems=count_check_jsonschema)
        command.error = self.error
        if command.argvs and len(command.argvs) > 1:
            command.note = f"{len(command.argvs)} batches"
        return command


def _has_c_loader(python: Path) -> bool:
    """Whether ruamel.yaml, as check-jsonschema makes it (``YAML(typ="safe")``), parses with libyaml."""
    probe = "import ruamel.yaml, sys; sys.exit('CParser' not in ruamel.yaml.YAML(typ='safe').Parser.__name__)"
    try:
        return (
            python.exists()
            and subprocess.run([str(python), "-c", probe], capture_output=True, timeout=120).returncode == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def _versions(python: Path, *packages: str) -> str:
    """``name version`` of each package installed for ``python``."""
    probe = "import importlib.metadata as m, sys; print(', '.join(f'{p} {m.version(p)}' for p in sys.argv[1:]))"
    out = subprocess.run([str(python), "-c", probe, *packages], capture_output=True, text=True, timeout=120)
    return out.stdout.strip() or last_line(out.stderr)


def batches(base: list[str], files: list[str], env: dict[str, str]) -> list[list[str]]:
    """Split FILES over as few command lines as the kernel takes, as xargs does."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 131072
    env_bytes = sum(len(k) + len(v) + 2 + 8 for k, v in env.items())
    limit = arg_max - env_bytes - 4096  # headroom, as xargs keeps

    def cost(argument: str) -> int:
        return len(os.fsencode(argument)) + 1 + 8  # the string, its NUL and its pointer

    base_cost = sum(cost(a) for a in base)
    out: list[list[str]] = []
    current: list[str] = []
    used = base_cost
    for name in files:
        if current and used + cost(name) > limit:
            out.append(base + current)
            current, used = [], base_cost
        current.append(name)
        used += cost(name)
    if current:
        out.append(base + current)
    return out


def draft07_schema(schema: object, dropped: set[str]) -> object:
    """The article contract in the dialect the remark plugin's Ajv (draft-07 class) understands.

    The plugin compiles with ``new Ajv()``, which knows no Draft 2020-12 meta-schema (every
    file would get "JSON schema malformed" and nothing would be checked) and ignores
    ``dependentRequired``. So the ``$schema`` line is dropped and ``dependentRequired`` is
    written as draft-07 ``dependencies``, which means the same for lists of names. Keywords
    of 2019-09/2020-12 that have no draft-07 spelling are collected in ``dropped``.
    """
    newer = {
        "dependentSchemas",
        "prefixItems",
        "unevaluatedProperties",
        "unevaluatedItems",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "minContains",
        "maxContains",
    }
    if isinstance(schema, list):
        return [draft07_schema(item, dropped) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, object] = {}
    for key, value in schema.items():
        if key == "$schema":
            continue
        if key == "dependentRequired" and "dependencies" not in schema:
            out["dependencies"] = value
            continue
        if key in newer:
            dropped.add(key)
        if key in ("properties", "$defs", "definitions", "dependentRequired") and isinstance(value, dict):
            out[key] = {name: draft07_schema(sub, dropped) for name, sub in value.items()}
        else:
            out[key] = draft07_schema(value, dropped)
    return out


REMARK_RC = """\
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';
const schema = SCHEMA;
export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: { [path.relative(process.cwd(), schema)]: ['**/*.md'] },
      // 'iri' is not an ajv-formats format: declared, unchecked (as in check-jsonschema,
      // which checks it only when rfc3987 is installed); the url pattern still applies.
      ajvOptions: { formats: { iri: true } },
    }],
  ],
};
"""


@dataclass
class Remark:
    """remark-cli with remark-frontmatter and remark-lint-frontmatter-schema, in a scratch npm folder."""

    executable: Path | None
    rc: Path | None = None
    version: str = "?"
    note: str = ""
    error: str | None = None

    @classmethod
    def install(cls) -> Remark:
        """Install remark and its plugins once (kept in the scratch folder), and write its schema and .remarkrc."""
        folder = SCRATCH / "remark"
        executable = folder / "node_modules" / ".bin" / "remark"
        plugin = folder / "node_modules" / "remark-lint-frontmatter-schema" / "package.json"
        npm, node = shutil.which("npm"), shutil.which("node")
        if not node:
            return cls(None, error="not available: node is not installed")
        if not (executable.exists() and plugin.exists()):
            if not npm:
                return cls(None, error="not available: npm is not installed")
            error = _npm_install(npm, folder)
            if error:
                return cls(None, error=error)
        dropped: set[str] = set()
        schema = draft07_schema(json.loads(SCHEMA.read_text("utf-8")), dropped)
        schema_path = folder / "article.draft-07.schema.json"
        schema_path.write_text(json.dumps(schema, indent=2) + "\n", "utf-8")
        # The plugin resolves the schema path against the folder of the .remarkrc it finds above
        # each file, else the working directory (the corpus): a path relative to that.
        rc = folder / ".remarkrc.mjs"
        rc.write_text(REMARK_RC.replace("SCHEMA", json.dumps(str(schema_path)), 1), "utf-8")
        try:
            version = json.loads(plugin.read_text())["version"]
            node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        except (OSError, ValueError, KeyError) as error:
            return cls(None, error=f"not available: {error}")
        note = "draft-07 copy of the schema"
        if dropped:
            note += f" (not enforced: {', '.join(sorted(dropped))})"
        return cls(executable, rc, f"remark-lint-frontmatter-schema {version}, node {node_version}", note)

    def command(self, label: str, cwd: Path) -> Command:
        """remark on every Markdown file under ``cwd``."""
        argv = [str(self.executable), "--rc-path", str(self.rc), "--no-stdout", "--quiet", "--no-color", "."]
        command = Command(label, [argv], cwd, base_env(), count_problems=count_remark, note=self.note)
        command.error = self.error
        return command


def _npm_install(npm: str, folder: Path) -> str | None:
    """Install remark's packages into ``folder``; return why that failed, or None."""
    log("installing remark-cli, remark-frontmatter and remark-lint-frontmatter-schema from npm")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true, "name": "frontlint-bench-remark"}\n')
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *REMARK_PACKAGES],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=INSTALL_TIMEOUT,
        )
    except subprocess.CalledProcessError as error:
        return f"not available: npm install failed: {last_line(error.stderr or b'')}"
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"not available: {error}"
    return None
