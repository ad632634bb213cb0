"""Reading the start of a file: exactly the bytes asked for, however the file compares to the limit."""

from __future__ import annotations

import os

import pytest

from frontlint.reading.files import read_start


@pytest.mark.parametrize(
    ("content", "size", "expected"),
    [
        (b"", 10, b""),
        (b"---\na: 1\n---\n", 100, b"---\na: 1\n---\n"),
        (b"0123456789", 10, b"0123456789"),
        (b"0123456789", 11, b"0123456789"),
        (b"0123456789", 9, b"012345678"),
        (b"0123456789", 0, b""),
    ],
)
def test_read_start_gives_at_most_size_bytes_of_the_file(tmp_path, content, size, expected):
    path = tmp_path / "a.md"
    path.write_bytes(content)
    assert read_start(path, size) == expected


def test_read_start_reads_a_large_file_up_to_the_limit(tmp_path):
    path = tmp_path / "big.md"
    content = bytes(range(256)) * 4096  # 1 MiB, more than one read of 64 KiB
    path.write_bytes(content)
    assert read_start(path, 700_001) == content[:700_001]
    assert read_start(path, len(content) + 5) == content


def test_read_start_reads_what_a_file_grew_by_after_its_size_was_taken(tmp_path, monkeypatch):
    path = tmp_path / "growing.md"
    path.write_bytes(b"0123456789")
    real_fstat = os.fstat

    def stale_fstat(descriptor):  # the size before a writer appended to the file
        result = real_fstat(descriptor)
        return os.stat_result((*result[:6], 4, *result[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert read_start(path, 100) == b"0123456789"
    assert read_start(path, 7) == b"0123456"


def test_read_start_refuses_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError, match="Is a directory"):
        read_start(tmp_path, 10)
