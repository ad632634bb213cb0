#!/usr/bin/env python3
"""Benchmark frontlint against the bare libyaml parse, check-jsonschema and remark-lint-frontmatter-schema.

Every target is a ratio between tools measured in the same run, on the same corpus, with the
runs interleaved (A B C, B C A, C A B, ...) so that the noise of a shared machine falls on all of them
alike. Never compare the absolute times of two different runs.

Standard library only. The corpora, the extracted front matter, a venv with check-jsonschema
and an npm folder with remark are kept in benchmarks/.scratch/ (git-ignored) and reused by the
next run. The report, a Markdown table, goes to stdout; progress goes to stderr.

See benchmarks/README.md for what each row measures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bare_parse import front_matter

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRATCH = HERE / ".scratch"
GEN_CORPUS = Path(__file__).resolve().parents[2] / "shared/bench/gen_corpus.py"
SCHEMA = REPO / "schemas/article.schema.json"
BARE_PARSE = HERE / "bare_parse.py"
SEED = 1
REMARK_PACKAGES = ("remark-cli", "remark-frontmatter", "remark-lint-frontmatter-schema")
INSTALL_TIMEOUT = 900
RUN_TIMEOUT = 3600
SINGLE_FILE_ROUNDS = 15
MEMORY_ROUNDS = 3

# Targets, from the issue.
TARGET_VS_BASELINE = 1.3        # frontlint wall time / bare parse wall time, at most
TARGET_VS_CHECK_JSONSCHEMA = 10  # check-jsonschema wall time / frontlint wall time, at least
TARGET_VS_REMARK = 50           # remark wall time / frontlint wall time, at least
TARGET_SINGLE_FILE = 0.4        # frontlint FILE / check-jsonschema FILE.yaml, at most
TARGET_MEMORY = 1.5             # peak RSS of a lint run / peak RSS of `import frontlint`, at most
TARGET_MEMORY_FLAT = 1.1        # peak RSS at N files / at N/10 files, at most
TARGET_LINEAR = 1.1             # time per file at a size / at the next smaller size, at most

T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def last_line(text: str | bytes, limit: int = 200) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1] if lines else "no output")[:limit]


def base_env() -> dict[str, str]:
    """The environment every tool runs in.

    Python bytecode caches are written, to a folder in the scratch directory: a tool installed
    by pip has its modules compiled at install time, and frontlint run from this checkout must
    not pay for compiling its sources on every run when the others do not
    (PYTHONDONTWRITEBYTECODE, should the shell set it, is dropped for the same reason).
    """
    dropped = ("PYTHONPATH", "PYTHONSTARTUP", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["PYTHONPYCACHEPREFIX"] = str(SCRATCH / "pycache")
    env["NO_COLOR"] = "1"
    return env


# ---------------------------------------------------------------------------------------------
# What is run: a command (or several, run one after the other and timed together) in a folder.


@dataclass
class Command:
    label: str                      # the tool, as the table shows it
    argvs: list[list[str]]          # run in sequence; the wall time covers all of them
    cwd: Path
    env: dict[str, str]
    ok_codes: tuple[int, ...] = (0, 1)
    count_problems: Callable[[str], int | None] | None = None
    note: str = ""
    times: list[float] = field(default_factory=list)
    error: str | None = None
    problems: int | None = None

    def run_once(self, out_path: Path) -> float | None:
        """Run the command once; return its wall time, or None (and set error) when it failed."""
        if self.error:
            return None
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "wb") as out:
            start = time.perf_counter()
            for argv in self.argvs:
                try:
                    proc = subprocess.Popen(
                        argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                        stdout=out, stderr=subprocess.STDOUT,
                    )
                except OSError as error:
                    self.error = f"failed: {error}"
                    return None
                # A timer kills a run that hangs. Not wait(timeout=...): that polls with sleeps
                # of up to 50 ms and adds ~25 ms to every run, a large error on a 0.1 s one.
                timed_out = threading.Event()
                watchdog = threading.Timer(RUN_TIMEOUT, lambda: (timed_out.set(), proc.kill()))
                watchdog.start()
                try:
                    proc.wait()
                finally:
                    watchdog.cancel()
                if timed_out.is_set():
                    self.error = f"failed: no answer in {RUN_TIMEOUT} s"
                    return None
                if proc.returncode not in self.ok_codes:
                    out.flush()
                    self.error = f"failed: exit {proc.returncode}: {last_line(out_path.read_bytes())}"
                    return None
            elapsed = time.perf_counter() - start
        if self.count_problems is not None:
            self.problems = self.count_problems(out_path.read_text("utf-8", "replace"))
        self.times.append(elapsed)
        return elapsed

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None


def interleave(commands: Sequence[Command], rounds: int, group: str) -> None:
    """Run each command once per round, the order rotated each round: A B C, B C A, C A B, ...

    A run right after a long one (check-jsonschema's, 85 s on one core) was measured up to
    40 % slower than the same run a moment later; rotating the order puts a different tool
    in that place each round, and the median leaves the slow round out.
    """
    indexed = list(enumerate(commands))
    for number in range(1, rounds + 1):
        shift = (number - 1) % len(commands)
        for index, command in indexed[shift:] + indexed[:shift]:
            if command.error:
                continue
            out = SCRATCH / "output" / group / f"{index}-{re.sub(r'[^A-Za-z0-9]+', '-', command.label)}.txt"
            elapsed = command.run_once(out)
            shown = f"{elapsed:.3f} s" if elapsed is not None else command.error
            log(f"{group} round {number}/{rounds}: {command.label}: {shown}")


def count_frontlint(output: str) -> int:
    return len(re.findall(r"^.+:\d+:\d+: (?:error|warning): ", output, re.MULTILINE))


def count_check_jsonschema(output: str) -> int:
    return len(re.findall(r"^\s+\S+::\$", output, re.MULTILINE)) + output.count("Failed to parse ")


def count_remark(output: str) -> int | None:
    found = re.findall(r"(\d+) (?:warnings?|errors?|messages?)\b", output)
    return sum(int(n) for n in found) if found else (0 if output.strip() == "" else None)


def count_bare_parse(output: str) -> int | None:
    match = re.search(r"(\d+) without", output)
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------
# Corpora.


def corpus(n: int) -> Path:
    """The gen_corpus.py corpus of n articles (seed 1), regenerated when the generator changes."""
    out = SCRATCH / f"corpus-{n}"
    stamp = out / ".stamp"
    want = f"{hashlib.sha256(GEN_CORPUS.read_bytes()).hexdigest()} n={n} seed={SEED}\n"
    if stamp.exists() and stamp.read_text() == want:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {n} articles into {out.relative_to(REPO)}")
    subprocess.run([sys.executable, str(GEN_CORPUS), str(out), str(n), "--seed", str(SEED)], check=True)
    stamp.write_text(want)
    return out


def extracted_yaml(n: int) -> Path:
    """Each article's front matter as a .yaml file, for check-jsonschema (done once, untimed)."""
    source = corpus(n)
    out = SCRATCH / f"yaml-{n}"
    stamp = out / ".stamp"
    want = (source / ".stamp").read_text()
    if stamp.exists() and stamp.read_text() == want:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"extracting the front matter of {n} articles into {out.relative_to(REPO)}")
    for path in sorted(source.rglob("*.md")):
        target = out / path.relative_to(source).with_suffix(".yaml")
        target.parent.mkdir(parents=True, exist_ok=True)
        block = front_matter(path.read_bytes().decode("utf-8", "replace"))
        # A file without front matter becomes an empty document, as it is for the linters.
        target.write_text(block or "", "utf-8")
    stamp.write_text(want)
    return out


def relative_files(root: Path, suffix: str) -> list[str]:
    return [str(p.relative_to(root)) for p in sorted(root.rglob(f"*{suffix}"))]


def clean_article(n: int) -> str:
    """The relative path of the first article of the corpus without an injected defect."""
    root = corpus(n)
    defective = {line.split("\t")[0] for line in (root / "defects.tsv").read_text().splitlines() if line}
    for path in sorted(root.rglob("*.md")):
        if path.name not in defective:
            return str(path.relative_to(root))
    raise RuntimeError("every article of the corpus has a defect")


# ---------------------------------------------------------------------------------------------
# The tools.


@dataclass
class Frontlint:
    argv: list[str]
    env: dict[str, str]
    jobs_supported: bool
    version: str
    error: str | None = None

    @classmethod
    def detect(cls) -> Frontlint:
        env = base_env()
        env["PYTHONPATH"] = str(REPO)
        argv = [sys.executable, "-m", "frontlint"]
        try:
            version = subprocess.run(argv + ["--version"], env=env, capture_output=True, timeout=120)
            helptext = subprocess.run(argv + ["--help"], env=env, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as error:
            return cls(argv, env, False, "?", f"not available: {error}")
        if version.returncode != 0:
            return cls(argv, env, False, "?", f"not available: {last_line(version.stderr or version.stdout)}")
        return cls(argv, env, "--jobs" in helptext.stdout.decode("utf-8", "replace"),
                   last_line(version.stdout))

    def command(self, label: str, paths: list[str], cwd: Path, jobs: int | None, note: str = "") -> Command:
        options = ["--isolated", "-q"]
        if jobs is not None and self.jobs_supported:
            options += ["--jobs", str(jobs)]
        command = Command(label, [self.argv + options + paths], cwd, self.env,
                          count_problems=count_frontlint, note=note)
        command.error = self.error
        return command

    def lint_label(self, jobs: int | None) -> str:
        if jobs is None:
            return "frontlint"
        return f"frontlint --jobs {jobs}" if self.jobs_supported else "frontlint (no --jobs yet)"


@dataclass
class CheckJsonschema:
    executable: Path | None
    version: str = "?"
    error: str | None = None

    @classmethod
    def install(cls) -> CheckJsonschema:
        venv = SCRATCH / "venv-check-jsonschema"
        executable = venv / "bin" / "check-jsonschema"
        if not executable.exists():
            log("installing check-jsonschema from PyPI into a scratch venv")
            try:
                if venv.exists():
                    shutil.rmtree(venv)
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True,
                               timeout=INSTALL_TIMEOUT)
                subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                                "--disable-pip-version-check", "check-jsonschema"],
                               check=True, capture_output=True, timeout=INSTALL_TIMEOUT)
            except subprocess.CalledProcessError as error:
                return cls(None, error=f"not available: pip install failed: {last_line(error.stderr or b'')}")
            except (OSError, subprocess.TimeoutExpired) as error:
                return cls(None, error=f"not available: {error}")
        try:
            out = subprocess.run([str(executable), "--version"], capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as error:
            return cls(None, error=f"not available: {error}")
        if out.returncode != 0:
            return cls(None, error=f"not available: {last_line(out.stderr or out.stdout)}")
        return cls(executable, last_line(out.stdout))

    def command(self, label: str, files: list[str], cwd: Path) -> Command:
        """`check-jsonschema --schemafile SCHEMA FILE...`, in batches as large as the OS allows (xargs)."""
        env = base_env()
        base = [str(self.executable), "--schemafile", str(SCHEMA)]
        command = Command(label, batches(base, files, env), cwd, env, count_problems=count_check_jsonschema)
        command.error = self.error
        if command.argvs and len(command.argvs) > 1:
            command.note = f"{len(command.argvs)} batches"
        return command


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
    newer = {"dependentSchemas", "prefixItems", "unevaluatedProperties", "unevaluatedItems",
             "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "minContains",
             "maxContains"}
    if isinstance(schema, list):
        return [draft07_schema(item, dropped) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
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


@dataclass
class Remark:
    executable: Path | None
    rc: Path | None = None
    version: str = "?"
    note: str = ""
    error: str | None = None

    @classmethod
    def install(cls) -> Remark:
        folder = SCRATCH / "remark"
        executable = folder / "node_modules" / ".bin" / "remark"
        plugin = folder / "node_modules" / "remark-lint-frontmatter-schema" / "package.json"
        npm, node = shutil.which("npm"), shutil.which("node")
        if not node:
            return cls(None, error="not available: node is not installed")
        if not (executable.exists() and plugin.exists()):
            if not npm:
                return cls(None, error="not available: npm is not installed")
            log("installing remark-cli, remark-frontmatter and remark-lint-frontmatter-schema from npm")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "package.json").write_text('{"private": true, "name": "frontlint-bench-remark"}\n')
            try:
                subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *REMARK_PACKAGES],
                               cwd=folder, check=True, capture_output=True, timeout=INSTALL_TIMEOUT)
            except subprocess.CalledProcessError as error:
                return cls(None, error=f"not available: npm install failed: {last_line(error.stderr or b'')}")
            except (OSError, subprocess.TimeoutExpired) as error:
                return cls(None, error=f"not available: {error}")
        dropped: set[str] = set()
        schema = draft07_schema(json.loads(SCHEMA.read_text("utf-8")), dropped)
        schema_path = folder / "article.draft-07.schema.json"
        schema_path.write_text(json.dumps(schema, indent=2) + "\n", "utf-8")
        # The plugin resolves the schema path against the folder of the .remarkrc it finds above
        # each file, else the working directory (the corpus): a path relative to that.
        rc = folder / ".remarkrc.mjs"
        rc.write_text(
            "import path from 'node:path';\n"
            "import remarkFrontmatter from 'remark-frontmatter';\n"
            "import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';\n"
            f"const schema = {json.dumps(str(schema_path))};\n"
            "export default {\n"
            "  plugins: [\n"
            "    remarkFrontmatter,\n"
            "    [remarkLintFrontmatterSchema, {\n"
            "      schemas: { [path.relative(process.cwd(), schema)]: ['**/*.md'] },\n"
            "      // 'iri' is not an ajv-formats format: declared, unchecked (as in check-jsonschema,\n"
            "      // which checks it only when rfc3987 is installed); the url pattern still applies.\n"
            "      ajvOptions: { formats: { iri: true } },\n"
            "    }],\n"
            "  ],\n"
            "};\n",
            "utf-8",
        )
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
        argv = [str(self.executable), "--rc-path", str(self.rc), "--no-stdout", "--quiet", "--no-color", "."]
        command = Command(label, [argv], cwd, base_env(), count_problems=count_remark, note=self.note)
        command.error = self.error
        return command


# ---------------------------------------------------------------------------------------------
# The report.


@dataclass
class Row:
    target: str
    tool: str
    files: str
    value: str
    spread: str
    ratio: str
    goal: str
    result: str
    notes: str


def seconds(command: Command) -> tuple[str, str]:
    if command.error:
        return command.error, ""
    if not command.times:
        return "not run", ""
    spread = f"{len(command.times)} ({min(command.times):.3f}–{max(command.times):.3f})"
    return f"{command.median:.3f}", spread


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "**FAIL**")


def problems_note(command: Command, extra: str = "") -> str:
    parts = [extra] if extra else []
    if command.problems is not None and not command.error:
        parts.append(f"{command.problems} problems reported")
    elif command.count_problems is not None and command.times and not command.error:
        parts.append("output not understood")
    if command.note:
        parts.append(command.note)
    return "; ".join(parts)


def render(rows: list[Row]) -> str:
    head = ("#", "tool", "files", "median wall s", "runs (min–max)", "ratio", "target", "pass/fail", "notes")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = (row.target, row.tool, row.files, row.value, row.spread, row.ratio, row.goal, row.result, row.notes)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def peak_rss_kib(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int | None, str | None]:
    """Peak RSS of ARGV, measured by getrusage(RUSAGE_CHILDREN) in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "rc = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,"
        " stderr=subprocess.PIPE).returncode\n"
        "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", wrapper, *argv], cwd=cwd, env=env, capture_output=True,
                             text=True, timeout=RUN_TIMEOUT)
        rc, kib = (int(x) for x in out.stdout.split())
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        return None, f"failed: {error}"
    if rc not in (0, 1):
        return None, f"failed: exit {rc}"
    return kib, None


def importtime_offenders(frontlint: Frontlint, top: int = 8) -> str:
    """The largest cumulative imports of `import frontlint` (python -X importtime), as a table."""
    argv = [sys.executable, "-X", "importtime", "-c", "import frontlint"]
    subprocess.run(argv, env=frontlint.env, capture_output=True)  # warm: bytecode caches written
    out = subprocess.run(argv, env=frontlint.env, capture_output=True, text=True)
    if out.returncode != 0:
        return f"`import frontlint` failed: {last_line(out.stderr)}"
    entries = []
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            entries.append((int(match.group(2)), int(match.group(1)), len(match.group(3)) // 2, match.group(4)))
    entries.sort(reverse=True)
    lines = ["| module | cumulative ms | self ms | depth |", "|---|---|---|---|"]
    for cumulative, own, depth, name in entries[:top]:
        lines.append(f"| `{name}` | {cumulative / 1000:.1f} | {own / 1000:.1f} | {depth} |")
    by_self = sorted(entries, key=lambda e: e[1], reverse=True)[:top]
    lines.append("")
    lines.append("Largest self times: " + ", ".join(f"`{n}` {s / 1000:.1f} ms" for _, s, _, n in by_self) + ".")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10000, help="articles in the main corpus (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each tool; the table shows medians (default 5)")
    parser.add_argument("--quick", action="store_true", help="1000 files, 3 repeats, no remark")
    parser.add_argument("--scale", action="store_true", help="also time frontlint on 10x --files (100,000 by default)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for frontlint and the baseline (default 2)")
    parser.add_argument("--remark-budget", type=float, default=600, metavar="SECONDS",
                        help="seconds remark may take in all: fewer rounds of it when --repeat runs on --files "
                             "would take longer, 1000 files when one would (default 600)")
    args = parser.parse_args(argv)
    if args.quick:
        args.files, args.repeat = 1000, 3
    if args.files < 10 or args.repeat < 1:
        parser.error("--files must be at least 10 and --repeat at least 1")
    if not GEN_CORPUS.is_file():
        print(f"run.py: the corpus generator is missing: {GEN_CORPUS}", file=sys.stderr)
        return 2
    SCRATCH.mkdir(parents=True, exist_ok=True)
    n, rounds, jobs = args.files, args.repeat, args.jobs
    small = max(10, n // 10)
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    load_before = os.getloadavg()
    notes: list[str] = []
    rows: list[Row] = []
    # The code measured is the checkout as it is now: name its commit, and say if it was edited.
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "frontlint", "schemas"],
                           capture_output=True, text=True).stdout.strip()

    # --- tools -----------------------------------------------------------------------------
    frontlint = Frontlint.detect()
    if frontlint.error:
        notes.append(f"frontlint {frontlint.error}")
    elif not frontlint.jobs_supported:
        notes.append("`frontlint --help` does not mention `--jobs`: frontlint ran without it, in one process, "
                     "while the baseline used " f"{jobs} processes. Rerun once `--jobs` exists.")
    checker = CheckJsonschema.install()
    remark = Remark(None, error="skipped (--quick)") if args.quick else Remark.install()

    # --- corpora ---------------------------------------------------------------------------
    main_corpus = corpus(n)
    small_corpus = corpus(small)
    main_yaml = extracted_yaml(n)
    single_md = clean_article(n)
    single_yaml = str(Path(single_md).with_suffix(".yaml"))
    env = base_env()

    # Warm-up: write bytecode caches, load each tool's files into the page cache (untimed).
    warm = [frontlint.command("warm", [single_md], main_corpus, None)]
    if not checker.error:
        warm.append(checker.command("warm", [single_yaml], main_yaml))
    warm.append(Command("warm", [[sys.executable, str(BARE_PARSE), "--jobs", str(jobs), single_md]], main_corpus, env))
    for command in warm:
        command.run_once(SCRATCH / "output" / "warm.txt")

    # --- 1 and 2: the main corpus ----------------------------------------------------------
    remark_n, remark_rounds = n, rounds
    if not remark.error and n > 1000:
        probe = remark.command("remark probe", corpus(1000))
        log("remark: one untimed probe run on 1000 files, to estimate its time")
        elapsed = probe.run_once(SCRATCH / "output" / "remark-probe.txt")
        if elapsed is None:
            remark.error = probe.error
        else:
            # Its time per file grows with the corpus (about 13 ms a file at 1k, 21 ms at 10k,
            # as the issue measured), hence the 1.6.
            one_run = elapsed * n / 1000 * 1.6
            if one_run * rounds > args.remark_budget:
                affordable = int(args.remark_budget // one_run)
                if affordable >= 1:
                    remark_rounds = affordable
                    how = (f"it was timed on all {n:,} files in {affordable} round{'s' if affordable > 1 else ''} "
                           "(the median of those), against frontlint in the same rounds on the same files.")
                else:
                    remark_n = 1000
                    how = "it was timed on the 1,000-file corpus, against frontlint on those same files."
                notes.append(
                    f"remark-lint-frontmatter-schema took {elapsed:.1f} s on 1,000 files, so {rounds} runs on "
                    f"{n:,} would take about {one_run * rounds / 60:.0f} min (> {args.remark_budget / 60:.0f} min): "
                    + how
                )

    base_cmd = Command(f"bare libyaml parse, {jobs} processes",
                       [[sys.executable, str(BARE_PARSE), "--jobs", str(jobs), "."]], main_corpus, env,
                       ok_codes=(0,), count_problems=count_bare_parse)
    lint_cmd = frontlint.command(frontlint.lint_label(jobs), ["."], main_corpus, jobs)
    check_cmd = checker.command("check-jsonschema", relative_files(main_yaml, ".yaml"), main_yaml)
    group = [base_cmd, lint_cmd, check_cmd]
    remark_cmd = remark.command("remark-lint-frontmatter-schema", corpus(remark_n))
    remark_apart = remark_n != n or remark_rounds != rounds
    if not remark_apart:
        group.append(remark_cmd)
    log(f"main corpus: {n} files, {rounds} rounds of: " + ", ".join(c.label for c in group))
    interleave(group, rounds, f"main-{n}")
    lint_1k = None
    if remark_apart and not remark.error:
        lint_1k = frontlint.command(frontlint.lint_label(jobs), ["."], corpus(remark_n), jobs)
        log(f"remark corpus: {remark_n} files, {remark_rounds} rounds of frontlint and remark")
        interleave([lint_1k, remark_cmd], remark_rounds, f"remark-{remark_n}")

    value, spread = seconds(base_cmd)
    unparsed = f"{base_cmd.problems} files without front matter or valid YAML" if base_cmd.problems is not None else ""
    rows.append(Row("1", base_cmd.label, f"{n:,}", value, spread, "1 (reference)", "", "", unparsed))
    value, spread = seconds(lint_cmd)
    ratio = lint_cmd.median / base_cmd.median if lint_cmd.median and base_cmd.median else None
    rows.append(Row("1", lint_cmd.label + " (schema + default rules)", f"{n:,}", value, spread,
                    f"{ratio:.2f}× baseline" if ratio else "", f"≤ {TARGET_VS_BASELINE}× baseline",
                    verdict(None if ratio is None else ratio <= TARGET_VS_BASELINE), problems_note(lint_cmd)))
    value, spread = seconds(check_cmd)
    ratio = check_cmd.median / lint_cmd.median if check_cmd.median and lint_cmd.median else None
    rows.append(Row("2", check_cmd.label + " (extracted .yaml)", f"{n:,}", value, spread,
                    f"frontlint {ratio:.1f}× faster" if ratio else "", f"frontlint ≥ {TARGET_VS_CHECK_JSONSCHEMA}× faster",
                    verdict(None if ratio is None else ratio >= TARGET_VS_CHECK_JSONSCHEMA),
                    problems_note(check_cmd, "one process")))
    if lint_1k is not None:
        value, spread = seconds(lint_1k)
        rows.append(Row("2", lint_1k.label + " (reference for remark)", f"{remark_n:,}", value, spread,
                        "1 (reference)", "", "", problems_note(lint_1k)))
    reference = lint_1k if lint_1k is not None else lint_cmd
    value, spread = seconds(remark_cmd)
    ratio = remark_cmd.median / reference.median if remark_cmd.median and reference.median else None
    rows.append(Row("2", remark_cmd.label + " (.md)", f"{remark_n:,}", value, spread,
                    f"frontlint {ratio:.1f}× faster" if ratio else "", f"frontlint ≥ {TARGET_VS_REMARK}× faster",
                    verdict(None if ratio is None else ratio >= TARGET_VS_REMARK),
                    problems_note(remark_cmd, "one process" + (", measured at 1k (see notes)" if remark_n != n else "")
                                  + (f", {remark_rounds} rounds (see notes)" if remark_rounds != rounds else ""))
                    if not remark_cmd.error else ""))

    # --- 3: one file, as pre-commit runs it ------------------------------------------------
    single_rounds = max(SINGLE_FILE_ROUNDS, rounds)
    one_lint = frontlint.command("frontlint FILE", [single_md], main_corpus, None)
    one_check = checker.command("check-jsonschema --schemafile … FILE.yaml", [single_yaml], main_yaml)
    log(f"one file: {single_rounds} rounds")
    interleave([one_lint, one_check], single_rounds, "single")
    value, spread = seconds(one_lint)
    rows.append(Row("3", one_lint.label, "1", value, spread, "1 (reference)", "", "", f"`{single_md}`, whole process"))
    value, spread = seconds(one_check)
    ratio = one_lint.median / one_check.median if one_lint.median and one_check.median else None
    rows.append(Row("3", one_check.label, "1", value, spread,
                    f"frontlint {ratio:.2f}× its time" if ratio else "", f"frontlint ≤ {TARGET_SINGLE_FILE}×",
                    verdict(None if ratio is None else ratio <= TARGET_SINGLE_FILE), "whole process"))

    # --- 4: memory -------------------------------------------------------------------------
    log(f"memory: peak RSS, {MEMORY_ROUNDS} rounds")
    # Two references: the bare import (the target's), and the library ready to lint: the
    # contract loaded and compiled, which every run does first.
    mem_cases = [
        ("python -c 'import frontlint'", "–", [sys.executable, "-c", "import frontlint"], main_corpus),
        ("python -c 'import frontlint; frontlint.load_schema()'", "–",
         [sys.executable, "-c", "import frontlint; frontlint.load_schema()"], main_corpus),
    ]
    jobs_one = ["--jobs", "1"] if frontlint.jobs_supported else []
    # With duplicate-article off as well: its per-URL record is the one state a run keeps of
    # every file, so those two rows show what else grows with the number of files.
    for extra in ([], ["--ignore", "duplicate-article"]):
        for size, root in ((small, small_corpus), (n, main_corpus)):
            label = "frontlint --jobs 1" if frontlint.jobs_supported else "frontlint (no --jobs yet)"
            label = " ".join([label, *extra])
            mem_cases.append((label, f"{size:,}", frontlint.argv + ["--isolated", "-q", *jobs_one, *extra, "."], root))
    peaks: dict[int, list[int]] = {i: [] for i in range(len(mem_cases))}
    mem_errors: dict[int, str] = {}
    if frontlint.error:
        mem_errors = {i: frontlint.error for i in peaks}
    else:
        for number in range(1, MEMORY_ROUNDS + 1):
            for i, (label, files, argv_, cwd) in enumerate(mem_cases):
                if i in mem_errors:
                    continue
                kib, error = peak_rss_kib(argv_, cwd, frontlint.env)
                if error:
                    mem_errors[i] = error
                else:
                    peaks[i].append(kib)  # type: ignore[arg-type]
                log(f"memory round {number}/{MEMORY_ROUNDS}: {label}, {files} files: "
                    f"{error or f'{kib / 1024:.1f} MiB'}")
    medians = {i: statistics.median(v) for i, v in peaks.items() if v and i not in mem_errors}
    for i, (label, files, _, _) in enumerate(mem_cases):
        if i in mem_errors:
            rows.append(Row("4", label, files, mem_errors[i], "", "", "", "", "peak RSS"))
            continue
        mib = f"{medians[i] / 1024:.1f} MiB"
        spread = f"{len(peaks[i])} ({min(peaks[i]) / 1024:.1f}–{max(peaks[i]) / 1024:.1f})"
        if i == 0:
            rows.append(Row("4", label, "–", mib, spread, "1 (reference)", "", "", "peak RSS, not wall time"))
            continue
        ratio = medians[i] / medians[0] if 0 in medians else None
        if i == 1:
            rows.append(Row("4", label, "–", mib, spread, f"{ratio:.2f}× import" if ratio else "", "", "",
                            "peak RSS: the library ready to lint (jsonschema-rs imported, the contract compiled)"))
            continue
        ready = f"; {medians[i] / medians[1]:.2f}× the library ready to lint" if 1 in medians else ""
        rows.append(Row("4", label, files, mib, spread, f"{ratio:.2f}× import" if ratio else "",
                        f"≤ {TARGET_MEMORY}× import", verdict(None if ratio is None else ratio <= TARGET_MEMORY),
                        "peak RSS" + ready))
    for first, label, note in ((2, "peak RSS growth", "10× the files"),
                               (4, "peak RSS growth, duplicate-article off", "10× the files; no per-URL record kept")):
        if first in medians and first + 1 in medians:
            flat = medians[first + 1] / medians[first]
            rows.append(Row("4", label, f"{small:,} → {n:,}", "", "", f"{flat:.2f}×",
                            f"≤ {TARGET_MEMORY_FLAT}× (flat)", verdict(flat <= TARGET_MEMORY_FLAT), note))

    # --- 5: scaling ------------------------------------------------------------------------
    sizes = [small, n] + ([n * 10] if args.scale else [])
    scaling = [frontlint.command(frontlint.lint_label(jobs), ["."], corpus(size), jobs) for size in sizes]
    log(f"scaling: {sizes}, {rounds} rounds")
    interleave(scaling, rounds, "scaling")
    previous: tuple[int, float] | None = None
    for size, command in zip(sizes, scaling):
        value, spread = seconds(command)
        if command.median is None:
            rows.append(Row("5", command.label, f"{size:,}", value, spread, "", "", "", ""))
            previous = None
            continue
        per_file = command.median / size * 1000
        if previous is None:
            ratio_text, goal, result = f"{per_file:.3f} ms/file", "", ""
        else:
            growth = per_file / previous[1]
            ratio_text = f"{per_file:.3f} ms/file = {growth:.2f}× per file at {previous[0]:,}"
            goal, result = f"≤ {TARGET_LINEAR}× (linear)", verdict(growth <= TARGET_LINEAR)
        rows.append(Row("5", command.label, f"{size:,}", value, spread, ratio_text, goal, result, problems_note(command)))
        previous = (size, per_file)

    # --- report ----------------------------------------------------------------------------
    importtime = importtime_offenders(frontlint) if not frontlint.error else frontlint.error
    total = time.perf_counter() - T0
    out = [
        "# frontlint benchmark",
        "",
        "```",
        f"$ {shlex.join(getattr(sys, 'orig_argv', [sys.executable, *sys.argv]))}",
        "```",
        "",
        f"- started {started}, from `{Path.cwd()}`; {os.cpu_count()} CPUs, load average "
        f"{load_before[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
        f"- {frontlint.version if not frontlint.error else 'frontlint ' + frontlint.error} from the checkout `{REPO}` at {commit}"
        + (" with uncommitted changes" if dirty else "")
        + f" (`{Path(sys.executable).name} -m frontlint`, PYTHONPATH={REPO}, `--isolated`); "
        f"Python {platform.python_version()} ({sys.executable})",
        f"- check-jsonschema: {checker.version if not checker.error else checker.error}",
        f"- remark: {remark.version if not remark.error else remark.error}",
        f"- corpora: gen_corpus.py, seed {SEED}, in `{SCRATCH.relative_to(REPO)}/`; medians of {rounds} "
        f"interleaved runs ({single_rounds} for one file, {MEMORY_ROUNDS} for memory)",
        "",
        render(rows),
        "",
        "## `python -X importtime -c \"import frontlint\"`: the 8 largest cumulative imports",
        "",
        importtime,
        "",
    ]
    if notes:
        out += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    out.append(f"Whole script: {total:.0f} s wall time.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
