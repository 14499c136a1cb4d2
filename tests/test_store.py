"""The plan store, on a SQLite file and on a real PostgreSQL server started here from Debian's package."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from planner.foods import load_foods
from planner.planfile import MAX_PLAN_BYTES, read_plan_upload
from planner.store import (
    DB_URL_ENV,
    DEFAULT_DB_PATH,
    PLAN_DAYS_ENV,
    StoreError,
    open_store,
    plans,
    store_config,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
PLAN = '{"schema": 1, "note": "Kefir 250 g, µg and ½ cup"}'


def _run(step: str, cmd: list[str], **kw) -> None:
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)
    if out.returncode:
        pytest.skip(f"PostgreSQL could not be started: {step} failed: {(out.stderr or out.stdout).strip()[-300:]}")


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server on a unix socket in a temporary folder; yields (socket dir, port)."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                    "./scripts/test.sh installs Debian's postgresql package")
    bindir = Path(initdbs[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="cramp-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root; the Debian package makes the postgres user
        if not shutil.which("runuser"):
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip("PostgreSQL could not be started: running as root and runuser is missing")
        as_user = ["runuser", "-u", "postgres", "--"]
        try:
            shutil.chown(base, "postgres")
        except (LookupError, PermissionError) as exc:
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip(f"PostgreSQL could not be started: no postgres user to run it as ({exc})")
    data, port = base / "data", 5432  # alone in its own socket folder, so the usual port clashes with nothing
    try:
        _run("initdb", [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "cramp", "-A", "trust",
                        "-E", "UTF8", "--locale=C", "--no-sync"])
        _run("pg_ctl start", [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w",
                              "-t", "60", "-o", f"-p {port} -k {base} -c listen_addresses='' -c fsync=off", "start"])
    except BaseException:  # pytest.skip included: leave no folder behind
        shutil.rmtree(base, ignore_errors=True)
        raise
    yield base, port
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database for each test, on each kind of server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'plans.sqlite'}"
    sock, port = request.getfixturevalue("postgres")
    admin = sa.create_engine(f"postgresql+psycopg://cramp@/postgres?host={sock}&port={port}",
                             isolation_level="AUTOCOMMIT")
    name = f"plans_{os.getpid()}_{next(_databases)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"postgresql+psycopg://cramp@/{name}?host={sock}&port={port}"


def rows(url: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        out = [tuple(r) for r in conn.execute(sa.select(plans.c.token, plans.c.expires_at))]
    engine.dispose()
    return out


def test_round_trip_keeps_the_text_exactly(db_url, pregnant_plan):
    store = open_store(db_url)
    token = store.save(pregnant_plan.to_json(), T0)
    text = store.load(token, T0 + timedelta(days=1))
    assert text == pregnant_plan.to_json()
    plan, error = read_plan_upload(text.encode(), load_foods())  # what the page does with it
    assert error is None and plan == pregnant_plan
    assert store.load(store.save(PLAN, T0), T0) == PLAN


def test_unknown_or_malformed_tokens_find_nothing(db_url):
    store = open_store(db_url)
    token = store.save(PLAN, T0)
    assert store.load(token, T0) == PLAN
    for other in (token[:-1] + ("A" if token[-1] != "A" else "B"), token.lower() if token != token.lower()
                  else token.upper(), "", "x" * 1000, "' OR 1=1 --", "../plans", None, 42):
        assert store.load(other, T0) is None, other


def test_plans_expire_after_the_configured_days(db_url):
    store = open_store(db_url, keep_days=30)
    token = store.save(PLAN, T0)
    assert store.load(token, T0 + timedelta(days=30) - timedelta(seconds=1)) == PLAN
    assert store.load(token, T0 + timedelta(days=30)) is None
    assert store.load(token, T0 + timedelta(days=400)) is None


def test_now_in_any_time_zone_is_the_same_moment(db_url):
    store = open_store(db_url, keep_days=1)
    token = store.save(PLAN, T0.astimezone(timezone(timedelta(hours=-8))))
    later = T0 + timedelta(hours=23)
    assert store.load(token, later.astimezone(timezone(timedelta(hours=9)))) == PLAN
    assert store.load(token, later.replace(tzinfo=None)) == PLAN  # naive means UTC
    assert store.load(token, (later + timedelta(hours=1)).astimezone(timezone(timedelta(hours=5)))) is None


def test_purge_removes_only_expired_rows(db_url):
    store = open_store(db_url, keep_days=90)
    old = store.save(PLAN, T0)
    new = store.save(PLAN, T0 + timedelta(days=60))
    assert store.purge_expired(T0 + timedelta(days=89)) == 0
    assert store.purge_expired(T0 + timedelta(days=91)) == 1
    assert [r[0] for r in rows(db_url)] == [new]
    assert store.load(old, T0) is None  # gone from the table, not merely hidden
    # saving purges on the way, so a store nobody cleans by hand does not grow for ever
    store.save(PLAN, T0 + timedelta(days=200))
    assert new not in [r[0] for r in rows(db_url)] and len(rows(db_url)) == 1


def test_tokens_are_unique_long_and_url_safe(db_url):
    store = open_store(db_url)
    tokens = [store.save(PLAN, T0) for _ in range(200)]
    assert len(set(tokens)) == 200
    for token in tokens:
        assert len(token) * 6 >= 128 and set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                           "0123456789-_")


def test_two_servers_on_one_database_share_plans(db_url):
    first, second = open_store(db_url), open_store(db_url)
    token = first.save(PLAN, T0)
    assert second.load(token, T0) == PLAN
    other = second.save('{"schema": 1}', T0)
    assert first.load(other, T0) == '{"schema": 1}'
    assert second.purge_expired(T0 + timedelta(days=365)) == 2
    assert first.load(token, T0) is None


def test_a_plan_over_the_upload_cap_is_refused_and_not_stored(db_url):
    store = open_store(db_url)
    with pytest.raises(StoreError, match="KB"):
        store.save("x" * (MAX_PLAN_BYTES + 1), T0)
    assert rows(db_url) == []
    assert store.load(store.save("x" * MAX_PLAN_BYTES, T0), T0) == "x" * MAX_PLAN_BYTES


def test_where_plans_are_kept_and_for_how_long(tmp_path):
    assert store_config().url == f"sqlite:///{DEFAULT_DB_PATH}" and store_config().keep_days == 90
    assert store_config({"db_url": "sqlite:///a.sqlite", "keep_days": 30}) == \
        store_config({}, {DB_URL_ENV: "sqlite:///a.sqlite", PLAN_DAYS_ENV: "30"})
    # the environment wins over secrets.toml, so one server can be pointed elsewhere without editing files
    config = store_config({"db_url": "sqlite:///a.sqlite", "keep_days": 30},
                          {DB_URL_ENV: "sqlite:///b.sqlite", PLAN_DAYS_ENV: "7"})
    assert (config.url, config.keep_days) == ("sqlite:///b.sqlite", 7)
    for bad in ("ninety", "0", "-5", "nan", "1e9"):
        with pytest.raises(StoreError, match=f"{PLAN_DAYS_ENV}.*from 1 to"):
            store_config({}, {PLAN_DAYS_ENV: bad})
    path = tmp_path / "new" / "folder" / "plans.sqlite"
    open_store(f"sqlite:///{path}")  # makes its folder and table
    assert path.exists() and rows(f"sqlite:///{path}") == []


def test_the_secrets_example_is_valid():
    example = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml.example"
    plans_ = tomllib.loads(example.read_text())["plans"]
    assert store_config(plans_).keep_days == 90 and "db_url" not in plans_  # the example keeps the default file


def test_a_bad_database_url_says_so_without_the_password():
    for url in ("not a url", "nosuchdb://u:pw-h7q2z@h/d"):
        with pytest.raises(StoreError) as info:
            open_store(url)
        assert "pw-h7q2z" not in str(info.value) and DB_URL_ENV in str(info.value)
    with pytest.raises(StoreError) as info:  # a server that is not there
        open_store("postgresql+psycopg://u:pw-h7q2z@/d?host=/nonexistent-socket-dir&port=1")
    assert "could not be reached" in str(info.value) and "pw-h7q2z" not in str(info.value)
