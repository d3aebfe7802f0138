"""Where exported files are kept: this machine's disk (diskcache: bounded, least recently used
out first, shared by the workers of an instance) or, with BEEXPLORER_REDIS_URL, a Redis every
instance shares, with the disk standing in while Redis does not answer (said once per outage)."""

from __future__ import annotations

import logging
import math
import os
import threading
import time
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

    def claim(self, group: str, member: str, limit: int, seconds: float) -> int:
        """member counted in group if group holds fewer than limit (a member already in it
        counts once): 0 if it is in now, else the seconds until a place frees. Members lapse
        after seconds (a render whose worker died never holds a place for ever; a moving
        window of requests is one group of unique members)."""
        now = time.time()
        with self.cache.transact():  # one worker at a time reads and writes the group
            held = {m: t for m, t in (self.cache.get(group) or {}).items() if t > now}
            if member not in held and len(held) >= limit:
                return max(1, math.ceil(min(held.values()) - now))
            held[member] = now + seconds
            self.cache.set(group, held, expire=math.ceil(max(held.values()) - now))
            return 0

    def release(self, group: str, member: str) -> None:
        with self.cache.transact():
            held = self.cache.get(group) or {}
            if held.pop(member, None) is not None:
                self.cache.set(group, held, expire=max(1, int(max(held.values(), default=0)
                                                              - time.time()) + 1))


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

    def claim(self, group: str, member: str, limit: int, seconds: float) -> int:
        """As DiskStore.claim, in a sorted set (score: when the member lapses), read and
        written in one transaction (WATCH: a concurrent claim makes this one try again)."""
        import redis
        try:
            for _ in range(20):
                with self.redis.pipeline() as pipe:
                    try:
                        pipe.watch(group)
                        now = time.time()
                        live = pipe.zcount(group, now, "+inf")  # the members not lapsed
                        if pipe.zscore(group, member) is None and live >= limit:
                            first = pipe.zrangebyscore(group, now, "+inf", start=0, num=1,
                                                       withscores=True)
                            pipe.unwatch()
                            return max(1, math.ceil(first[0][1] - now)) if first else 1
                        pipe.multi()  # (the lapsed ones go in the transaction: a write
                        pipe.zremrangebyscore(group, 0, now)  # before it would void it)
                        pipe.zadd(group, {member: now + seconds})
                        pipe.expire(group, math.ceil(seconds))
                        pipe.execute()
                        redis_up(self.url)
                        return 0
                    except redis.WatchError:
                        continue
            return 1  # twenty claims raced it: counted as full for a second
        except self.errors as err:
            redis_down(self.url, err)
            return self.fallback.claim(group, member, limit, seconds)

    def release(self, group: str, member: str) -> None:
        try:
            self._do("zrem", group, member)
        except self.errors:
            self.fallback.release(group, member)


@cache
def render_cache() -> DiskStore | RedisStore:
    disk = DiskStore(geography.cache_dir() / "exports", int(os.environ.get(CACHE_ENV) or 512))
    url = os.environ.get(REDIS_ENV)
    return RedisStore(url, disk) if url else disk
