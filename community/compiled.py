"""ORM queries compiled to SQL once per process, then run with new values.

Compiling a query with many subqueries costs Django's ORM milliseconds, several
times what PostgreSQL takes to run it. A query that a hot page runs on every request
is written once with the ORM, compiled once per database vendor with a sentinel in
place of each value, and then run as SQL with the real values in the sentinels'
places. The SQL is exactly what the ORM would send, for whichever database is in use.
"""

import itertools
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connections
from django.db.models.sql import UpdateQuery

# Values no real parameter takes (still within a 64-bit integer, which filters accept).
_SENTINELS = itertools.count(9_100_000_000_000_000_001)


def compile_with_sentinels(build, names, using: str):
    """Compile `build(**values)` with a sentinel for each value. Returns the ORM's
    compiler, the SQL, and a slot per parameter: (name, sentinel) where a value goes,
    (None, constant) where the ORM wrote its own."""
    sentinels = {name: next(_SENTINELS) for name in names}
    compiler = build(**sentinels).query.get_compiler(using)
    sql, params = compiler.as_sql()
    by_sentinel = {}
    for name, value in sentinels.items():  # a text column's lookup passes it as text
        by_sentinel[value] = by_sentinel[str(value)] = name
    slots = tuple((by_sentinel.get(param), param) for param in params)
    missing = set(names) - {name for name, _ in slots if name}
    if missing:
        raise ValueError(f"values not passed as parameters: {sorted(missing)}")
    return compiler, sql, slots


@dataclass(frozen=True)
class _Compiled:
    sql: str
    slots: tuple
    columns: tuple[str, ...]  # the model's fields (attnames), then the annotations
    field_count: int
    converters: tuple  # (column index, the ORM's converters, their expression)


class CompiledOnce:
    """`build(**values)` returns a queryset; each value must reach the SQL as a
    parameter (filters do; LIMIT and the like are written into the SQL instead)."""

    def __init__(self, build, *names: str):
        self.build, self.names = build, names
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, using: str) -> _Compiled:
        vendor = connections[using].vendor
        if vendor not in self._compiled:
            compiler, sql, slots = compile_with_sentinels(self.build, self.names, using)
            select = [column for column, _, _ in compiler.select]
            fields = compiler.klass_info["select_fields"] if compiler.klass_info else []
            if list(fields) != list(range(len(fields))):  # the model's columns come first
                raise ValueError("the query selects columns before its model's fields")
            converters = tuple(
                (index, tuple(functions), expression)
                for index, (functions, expression) in compiler.get_converters(select).items()
            )
            columns = tuple(alias or column.target.attname for column, _, alias in compiler.select)
            self._compiled[vendor] = _Compiled(sql, slots, columns, len(fields), converters)
        return self._compiled[vendor]

    def sql(self, *, using: str = "default", **values) -> tuple[str, list]:
        """The query's SQL and its parameters, with these values in their places."""
        compiled = self._compile(using)
        return compiled.sql, [
            values[name] if name else constant for name, constant in compiled.slots
        ]

    def raw(self, model, *, using: str = "default", **values):
        """The query's rows as `model` instances, annotations as attributes."""
        return model.objects.using(using).raw(*self.sql(using=using, **values))

    def first(self, model, *, using: str = "default", **values):
        """The first row as a `model` instance with the annotations as attributes, or
        None: what `raw()` gives, without a RawQuerySet's work on every query (reading
        the cursor's description, matching columns to fields), for hot single rows."""
        compiled = self._compile(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(*self.sql(using=using, **values))
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for index, functions, expression in compiled.converters:
            for convert in functions:
                row[index] = convert(row[index], expression, connection)
        count = compiled.field_count
        instance = model.from_db(using, compiled.columns[:count], row[:count])
        for name, value in zip(compiled.columns[count:], row[count:], strict=True):
            setattr(instance, name, value)
        return instance


class CompiledUpdate:
    """An UPDATE compiled once per database vendor: `build(**values)` returns
    (queryset, {field name: value or expression}); each value must reach the SQL as a
    parameter, so a plain field's value is given wrapped in `Value` (its real value is
    prepared for the field, as `save()` would, when the statement runs)."""

    def __init__(self, build, *names: str):
        self.build, self.names = build, names
        self._compiled: dict[str, tuple[str, tuple]] = {}

    def _compile(self, using: str) -> tuple[str, tuple]:
        vendor = connections[using].vendor
        if vendor not in self._compiled:
            _, sql, slots = compile_with_sentinels(self._query, self.names, using)
            self._compiled[vendor] = (sql, slots)
        return self._compiled[vendor]

    def _query(self, **sentinels):
        queryset, values = self.build(**sentinels)
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(values)
        return SimpleNamespace(query=query)

    def execute(self, *, using: str = "default", **values) -> int:
        """Run the UPDATE with these values (already prepared for their columns);
        returns the number of rows changed."""
        sql, slots = self._compile(using)
        params = [values[name] if name else constant for name, constant in slots]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
