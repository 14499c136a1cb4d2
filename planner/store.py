"""Plans kept behind private links: plan JSON by random token in a database reached through SQLAlchemy."""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from planner.planfile import MAX_PLAN_BYTES

DB_URL_ENV = "CRAMP_MENU_DB_URL"
PLAN_DAYS_ENV = "CRAMP_MENU_PLAN_DAYS"
DEFAULT_PLAN_DAYS = 90
MAX_PLAN_DAYS = 3650
DEFAULT_DB_PATH = Path(__file__).resolve().parents[1] / "data-local" / "plans.sqlite"
TOKEN_BYTES = 24  # 192 random bits: nobody finds a plan by guessing, and there is nothing to list
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # what token_urlsafe makes; anything else is not looked up

metadata = sa.MetaData()
plans = sa.Table(
    "cramp_menu_plans", metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("plan_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, without a zone: SQLite keeps none
    sa.Column("expires_at", sa.DateTime, nullable=False, index=True),
)


class StoreError(Exception):
    """The plan store cannot do what was asked; the message says why in plain words (never a token or URL)."""


@dataclass(frozen=True)
class StoreConfig:
    url: str
    keep_days: float


def store_config(plans_secrets: Mapping | None = None, environ: Mapping | None = None) -> StoreConfig:
    """Where plans are kept and for how long: the environment first, then secrets.toml's [plans], then defaults."""
    secrets_ = plans_secrets or {}
    environ = environ or {}
    url = environ.get(DB_URL_ENV) or secrets_.get("db_url") or f"sqlite:///{DEFAULT_DB_PATH}"
    raw_days = environ.get(PLAN_DAYS_ENV) or secrets_.get("keep_days") or DEFAULT_PLAN_DAYS
    try:
        days = float(raw_days)
    except (TypeError, ValueError):
        days = math.nan
    if not 1 <= days <= MAX_PLAN_DAYS:  # also refuses NaN
        raise StoreError(f"{PLAN_DAYS_ENV} (or keep_days under [plans] in secrets.toml) must be a number of days "
                         f"from 1 to {MAX_PLAN_DAYS}, not {str(raw_days)[:20]!r}")
    return StoreConfig(str(url), days)


def _utc(now: datetime) -> datetime:
    """A moment as naive UTC, the form stored; a naive `now` is taken to be UTC already."""
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now


class PlanStore:
    """Save and load plan texts by token. Safe to share between threads: each call takes its own connection."""

    def __init__(self, engine: sa.Engine, keep_days: float = DEFAULT_PLAN_DAYS):
        self.engine = engine
        self.keep = timedelta(days=keep_days)

    def save(self, plan_json: str, now: datetime, max_bytes: int = MAX_PLAN_BYTES) -> str:
        """Store a plan's text (a household's may take `max_bytes`); returns its new token. Expired plans are purged
        on the way."""
        size = len(plan_json.encode("utf-8"))
        if size > max_bytes:
            raise StoreError(f"this plan is {size // 1000} KB, more than the {max_bytes // 1000} KB a saved "
                             "plan may take")
        created = _utc(now)
        self.purge_expired(now)
        for _ in range(3):  # a clash of 192-bit tokens does not happen; if it ever did, draw again
            token = secrets.token_urlsafe(TOKEN_BYTES)
            try:
                with self.engine.begin() as conn:
                    conn.execute(plans.insert().values(token=token, plan_json=plan_json, created_at=created,
                                                       expires_at=created + self.keep))
                return token
            except IntegrityError:
                continue
            except SQLAlchemyError as exc:
                raise _unreachable(exc) from None
        raise StoreError("no free link could be made; please try again")

    def load(self, token: str, now: datetime) -> str | None:
        """The plan's text for a token, or None if there is no such plan or it has expired."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            return None
        query = sa.select(plans.c.plan_json).where(plans.c.token == token, plans.c.expires_at > _utc(now))
        try:
            with self.engine.connect() as conn:
                return conn.execute(query).scalar_one_or_none()
        except SQLAlchemyError as exc:
            raise _unreachable(exc) from None

    def purge_expired(self, now: datetime) -> int:
        """Delete every plan past its expiry; returns how many went."""
        try:
            with self.engine.begin() as conn:
                return conn.execute(plans.delete().where(plans.c.expires_at <= _utc(now))).rowcount
        except SQLAlchemyError as exc:
            raise _unreachable(exc) from None


def _unreachable(exc: SQLAlchemyError) -> StoreError:
    # The driver's own message may hold the server's address or a password: name only the kind of failure.
    return StoreError(f"the plan store could not be reached ({type(exc).__name__}); please try again later")


def open_store(url: str, keep_days: float = DEFAULT_PLAN_DAYS) -> PlanStore:
    """A store on any SQLAlchemy URL; makes the table (and a SQLite file's folder) if missing."""
    try:
        parsed = sa.make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise StoreError(f"the plan database URL in {DB_URL_ENV} (or db_url under [plans] in secrets.toml) "
                         "is not one SQLAlchemy can use, such as sqlite:///path/plans.sqlite or "
                         "postgresql+psycopg://user:password@host/dbname") from None
    except (ImportError, OSError) as exc:
        raise StoreError(f"the plan database cannot be opened ({type(exc).__name__})") from None
    for attempt in range(2):
        try:
            metadata.create_all(engine)
            break
        except SQLAlchemyError as exc:
            # Two servers starting at once may both try to make the table; the second one finds it made.
            if attempt:
                raise _unreachable(exc) from None
    return PlanStore(engine, keep_days)
