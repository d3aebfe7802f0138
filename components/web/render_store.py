"""Where exported files are kept: this machine's disk (diskcache: bounded, least recently used
out first, shared by the workers of an instance) or, with BEEXPLORER_REDIS_URL, a Redis every
instance shares, with the disk standing in while Redis does not answer (said once per outage)."""

from __future__ import annotations

import logging
import os
import threading
from functools import cache
from pathlib import Path

import diskcache

from data import geography

log = logging.getLogger(__name__)
CACHE_ENV = "BEEXPLORER_EXPORT_CACHE_MB"  # the render cache's bound on disk, in MB
REDIS_ENV = "BEEXPLORER_REDIS_URL"  # a Redis the instances share the render cache in


class DiskStore:
    """The render cache on this machine's disk (diskcache: bounded, least recently used out
    first, safe across the workers of an instance)."""

    def __init__(self, folder: Path, size_mb: int):
        self.cache = diskcache.Cache(str(folder), size_limit=size_mb * 2**20,
                                     eviction_policy="least-recently-used")

    def get(self, key: str) -> bytes | None:
        return self.cache.get(key)

    def set(self, key: str, value: bytes, seconds: int) -> None:
        self.cache.set(key, value, expire=seconds)

    def add(self, key: str, value: bytes, seconds: int) -> bool:
        """Set only if absent: True for the one caller that set it."""
        return self.cache.add(key, value, expire=seconds)

    def pop(self, key: str) -> bytes | None:
        return self.cache.pop(key)

    def delete(self, key: str) -> None:
        self.cache.delete(key)


REDIS_DOWN = threading.Event()  # said once per outage, by the cache or the limit alike


def redis_down(url: str, err: Exception) -> None:
    if not REDIS_DOWN.is_set():
        REDIS_DOWN.set()
        log.warning("Redis at %s does not answer (%s): exports are cached and counted on this "
                    "machine only until it does", url, type(err).__name__)


def redis_up(url: str) -> None:
    if REDIS_DOWN.is_set():
        REDIS_DOWN.clear()
        log.warning("Redis at %s answers again: exports are shared again", url)


class RedisStore:
    """The render cache in Redis (BEEXPLORER_REDIS_URL), shared by every instance: a file drawn
    through one is served by all. With Redis gone, this machine's disk stands in (one warning
    line per outage), never an error for the reader; Redis is used again once it answers."""

    def __init__(self, url: str, fallback: DiskStore):
        import redis
        self.url, self.fallback, self.errors = url, fallback, (redis.RedisError, OSError)
        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def _do(self, op: str, *args):
        try:
            out = getattr(self.redis, op)(*args)
        except self.errors as err:
            redis_down(self.url, err)
            raise
        redis_up(self.url)
        return out

    def get(self, key: str) -> bytes | None:
        try:
            return self._do("get", key)
        except self.errors:
            return self.fallback.get(key)

    def set(self, key: str, value: bytes, seconds: int) -> None:
        try:
            self._do("set", key, value, seconds)
        except self.errors:
            self.fallback.set(key, value, seconds)

    def add(self, key: str, value: bytes, seconds: int) -> bool:
        try:
            return bool(self._do("set", key, value, seconds, None, True))  # EX seconds, NX
        except self.errors:
            return self.fallback.add(key, value, seconds)

    def pop(self, key: str) -> bytes | None:
        try:
            return self._do("getdel", key)
        except self.errors:
            return self.fallback.pop(key)

    def delete(self, key: str) -> None:
        try:
            self._do("delete", key)
        except self.errors:
            self.fallback.delete(key)


@cache
def render_cache() -> DiskStore | RedisStore:
    disk = DiskStore(geography.cache_dir() / "exports", int(os.environ.get(CACHE_ENV) or 512))
    url = os.environ.get(REDIS_ENV)
    return RedisStore(url, disk) if url else disk
