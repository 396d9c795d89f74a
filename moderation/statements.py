"""The risk check's two reads of an item, compiled to SQL once per process.

Each task reads its item before the model runs, and reads it again under a lock to
store the verdict. Django's ORM spends about a millisecond compiling each of those
queries (the item with its links, two EXISTS subqueries), more than PostgreSQL takes
to run them, and a worker runs them for every post. Here each is built with the ORM
once per model and database vendor, with a sentinel in place of each value
(`community.compiled`), then
run as that same SQL with the real values and turned into model instances as the
ORM would (linked rows, annotations, field converters).

On PostgreSQL the first read also counts the attempt, in the same statement: the
count must be committed before the model runs (so a check that brings its worker
down is counted too), and a data-modifying WITH commits with the read, in one round
trip instead of two. When the statement is a transaction of its own, its commit
does not wait for the disk (`synchronous_commit` off for it alone): a worker that
dies still leaves the count behind, and only a crash of PostgreSQL itself could lose
it, which loses a count, not a post. Waiting for the disk here cost from 0.2 to 4 ms
a post, as busy as the disk was. Inside a larger transaction (an eager check run in
the submitting one) it waits as that transaction does.
"""

import contextlib

from django.db import connections
from django.db.models.query import get_related_populators

from community.compiled import compile_with_sentinels

try:
    import psycopg
except ImportError:  # the embedded default (SQLite) may run without it
    psycopg = None

_QUICK_TRANSACTION = "SET LOCAL synchronous_commit TO OFF"


class CompiledQuery:
    """`build(**values)` returns a queryset of one model; each value must reach the
    SQL as a parameter (filters do). `rows(...)` runs it with other values."""

    def __init__(self, build, *names: str):
        self.build, self.names = build, names
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def compiled(self, using: str = "default") -> "_Compiled":
        connection = connections[using]
        key = (connection.vendor, using)
        if key not in self._compiled:
            self._compiled[key] = _Compiled(self.build, self.names, using)
        return self._compiled[key]


class _Compiled:
    def __init__(self, build, names, using):
        compiler, self.sql, self.slots = compile_with_sentinels(build, names, using)
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = list(
            compiler.get_converters([column[0] for column in select[: compiler.col_count]]).items()
        )
        self.using = using

    def params(self, values: dict) -> list:
        return [values[name] if name else constant for name, constant in self.slots]

    def instance(self, row):
        """The model instance of one row, as the ORM would build it."""
        row = list(row)
        connection = connections[self.using]
        for position, (converters, expression) in self.converters:
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        item = self.model.from_db(self.using, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, item)
        for name, position in self.annotations.items():
            setattr(item, name, row[position])
        return item

    def first(self, *, commit_without_waiting: bool = False, **values):
        """The first row's instance, or None. commit_without_waiting: on PostgreSQL, the
        transaction this read is the first statement of commits without waiting for
        the disk (said in the same round trip as its BEGIN and the read)."""
        connection = connections[self.using]
        with connection.cursor() as cursor, _with_begin(connection):
            if commit_without_waiting and connection.vendor == "postgresql":
                cursor.execute(_QUICK_TRANSACTION)
            cursor.execute(self.sql, self.params(values))
            row = cursor.fetchone()
        return None if row is None else self.instance(row)


@contextlib.contextmanager
def _with_begin(connection):
    # psycopg sends the BEGIN of a transaction on its own and waits for the answer
    # before the first statement. In its pipeline mode both go in one round trip:
    # the decision's first statement is its locking read.
    raw = connection.connection
    pipelined = (
        connection.vendor == "postgresql"
        and not connection.get_autocommit()
        and hasattr(raw, "pipeline")
        and psycopg.Pipeline.is_supported()
    )
    if not pipelined:
        yield
        return
    with raw.pipeline():
        yield


# Joined to the counting UPDATE so that it runs once, before the statement's commit.
_QUICK = "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS quick "


def first_counting(compiled: _Compiled, *, pk, state: str, **values):
    """PostgreSQL: the first row of the query, and the item's attempts after adding one
    to them if its state is `state` (else None: the item was not counted), committed
    together as one statement."""
    connection = connections[compiled.using]
    quote, meta = connection.ops.quote_name, compiled.model._meta
    attempts = quote(meta.get_field("check_attempts").column)
    # Only quoted names from the model's own metadata are written into the SQL.
    counting = (
        f"WITH {quote('counted')} AS (UPDATE {quote(meta.db_table)} "  # noqa: S608
        f"SET {attempts} = {attempts} + 1 {'' if connection.in_atomic_block else _QUICK}"
        f"WHERE {quote(meta.pk.column)} = %s AND {quote(meta.get_field('state').column)} = %s "
        f"RETURNING {attempts}) "
        f"SELECT (SELECT {attempts} FROM {quote('counted')}), "
    )
    if not compiled.sql.startswith("SELECT "):
        raise ValueError(f"not a plain SELECT: {compiled.sql[:40]}")
    sql = counting + compiled.sql.removeprefix("SELECT ")
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, state, *compiled.params({"pk": pk, **values})])
        row = cursor.fetchone()
    if row is None:
        return None, None
    return compiled.instance(row[1:]), row[0]
