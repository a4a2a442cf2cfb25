"""reportlint.digest computes what hashlib and hmac would: the same SHA-256 and BLAKE2b bytes,
and a comparison that tells equal from unequal."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from reportlint import digest


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 40])
def test_sha256_is_hashlibs(data: bytes) -> None:
    ours = digest.sha256(data[:7])
    ours.update(data[7:])
    assert ours.hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_mac_is_keyed_blake2b() -> None:
    key, message = bytes(range(32)), b"results\0name\0payload"
    assert digest.mac(key, message) == hashlib.blake2b(message, key=key,
                                                       digest_size=32).hexdigest()
    assert digest.mac(key, message) != digest.mac(bytes(32), message)
    assert len(digest.mac(key, message)) == 64


def test_same_compares() -> None:
    assert digest.same(b"abc", b"abc")
    assert not digest.same(b"abc", b"abd")
    assert not digest.same(b"abc", b"ab")


def test_no_openssl_at_import() -> None:
    code = "import sys, reportlint.digest; print('_hashlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
