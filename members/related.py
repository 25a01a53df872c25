"""Short lists of related rows read in the query of the row they belong to.

A page that shows one row and a dozen short lists about it (a fiche: its themes, budget lines,
photos, replications...) pays one query per list with prefetch_related(): a round trip each
and, more, the Python that builds, compiles and reads one more query. Here each list is a
subquery in the SELECT of the row's own query that returns the list as one JSON array; the
rows are then turned back into model instances and stored where prefetch_related() stores
its rows, so that `fiche.themes.all()`, the templates and the models' methods read them
without a query, as after a prefetch.

Building and compiling a dozen subqueries through the ORM would cost as much Python as the
queries it saves: each list's SQL is compiled once per database connection alias, from the
ORM (so it follows the models), and reused; only the SQL text is kept, never a row. That
SQL names the outer table by its name, as Django's top-level queries do: the queryset must
not be used as a subquery itself.

Only the fields named are loaded: the others are deferred, and each one read would cost a
query (the page's query-count test catches that). PostgreSQL and SQLite.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import (
    DateTimeField,
    DecimalField,
    Expression,
    F,
    Func,
    ManyToManyField,
    OuterRef,
    Subquery,
    TextField,
)
from django.db.models.base import DEFERRED
from django.db.models.expressions import OrderByList, Window
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable
from django.utils.timezone import is_naive, make_aware

ROW = "related_row"  # the column of the inner subquery, named in a template below


class _JSONArray(Func):
    """The values as one JSON array: json (not jsonb), whose numbers keep their digits."""

    function = "JSON_BUILD_ARRAY"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_ARRAY", **extra_context)


class _JSONAggregate(Func):
    """PostgreSQL: the rows' arrays as one JSON array (text), in the order given, NULL for
    no rows. Not an aggregate to the ORM: the subquery that holds it has no GROUP BY."""

    template = "JSON_AGG(%(expressions)s)::text"
    arg_joiner = " "  # JSON_AGG(JSON_BUILD_ARRAY(...) ORDER BY ...)
    contains_aggregate = False
    output_field = TextField()


class _SQLiteJSONArrays(Subquery):
    """SQLite: the rows of a queryset whose one column is a JSON array, as one JSON array.
    SQLite (before 3.44) cannot order an aggregate's rows: each row carries its place."""

    # A subquery's column loses its JSON type in SQLite: JSON() reads it as JSON again.
    template = "(SELECT JSON_GROUP_ARRAY(JSON(rows.related_row)) FROM (%(subquery)s) rows)"
    output_field = TextField()


class _CompiledList(Expression):
    """A RelatedList's subquery in the outer query: its SQL as compiled once."""

    output_field = TextField()

    def __init__(self, related):
        super().__init__()
        self.related = related

    def as_sql(self, compiler, connection):
        if compiler.query.base_table != self.related.model._meta.db_table:
            raise ImproperlyConfigured("A query with related lists cannot be a subquery.")
        return self.related.sql(connection)


class RelatedList:
    """A list of rows related to a model's row, read in that row's query.

    `name` is the relation on the model (a many-to-many field or a reverse foreign key);
    `fields` the fields of the related model that the page reads, `fk__field` for a field of
    a row that it points to (the primary keys of both are always loaded); `rows`, a function
    of the related model's queryset, keeps some rows and orders them (by default, all of them
    in the model's order). Its SQL is compiled once: it must not depend on the moment, the
    language or the reader.
    """

    def __init__(self, name, fields, rows=None):
        self.name = name
        self.fields = fields
        self.rows = rows
        self.model = None
        self._sql = {}

    def bind(self, model):
        if self.model is not None:
            if self.model is not model:
                raise ImproperlyConfigured(f"{self.name} is a list of {self.model.__name__}.")
            return
        relation = model._meta.get_field(self.name)
        self.related_model = relation.related_model
        if isinstance(relation, ManyToManyField):
            self.lookup = relation.related_query_name()
            self.cache_name = relation.name
            self.back = None  # a many-to-many row points back at no one parent
        else:
            self.lookup = relation.field.name
            self.cache_name = relation.field.remote_field.cache_name
            self.back = relation.field
        self.alias = f"{self.name}_rows"
        meta = self.related_model._meta
        self.own = [meta.pk.name] + [name for name in self.fields if "__" not in name]
        self.joined = {}
        for name in self.fields:
            if "__" in name:
                fk, field = name.split("__", 1)
                target = meta.get_field(fk).related_model
                self.joined.setdefault(fk, (target, [target._meta.pk.name]))[1].append(field)
        self.model = model

    def sql(self, connection):
        if connection.alias not in self._sql:
            outer = self.model._base_manager.all().query
            compiler = outer.get_compiler(connection=connection)
            subquery = self._subquery(connection).resolve_expression(outer)
            self._sql[connection.alias] = compiler.compile(subquery)
        return self._sql[connection.alias]

    def _subquery(self, connection):
        queryset = self.related_model._default_manager.all()
        if self.rows is not None:
            queryset = self.rows(queryset)
        ordering = list(queryset.query.order_by or self.related_model._meta.ordering or ["pk"])
        queryset = queryset.filter(**{self.lookup: OuterRef("pk")}).order_by()
        columns = [F(name) for name in self.own]
        for fk, (_target, names) in self.joined.items():
            columns += [F(f"{fk}__{name}") for name in names]
        if connection.vendor == "sqlite":
            place = Window(RowNumber(), order_by=ordering)
            rows = queryset.annotate(**{ROW: _JSONArray(place, *columns)}).values(ROW)
            return _SQLiteJSONArrays(rows)
        rows = _JSONAggregate(_JSONArray(*columns), OrderByList(*ordering))
        return Subquery(queryset.values(**{ROW: rows}))

    def instances(self, parent, text, db):
        rows = json.loads(text, parse_float=Decimal) if text else []
        if connections[db].vendor == "sqlite":
            rows = [row[1:] for row in sorted(rows)]  # by their place, then without it
        instances = []
        for row in rows:
            values = iter(row)
            instance = _instance(self.related_model, self.own, values, db)
            for fk, (target, names) in self.joined.items():
                setattr(instance, fk, _instance(target, names, values, db))
            if self.back is not None:
                self.back.set_cached_value(instance, parent)
            instances.append(instance)
        return instances


def _instance(model, names, values, db):
    """An instance from JSON values, converted to what the database's own values give."""
    loaded = {}
    for name in names:
        field = model._meta.get_field(name)
        value = next(values)
        if value is not None:
            value = field.to_python(value)
            if isinstance(field, DecimalField):  # SQLite keeps 10.50 as 10.5
                value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
            elif isinstance(field, DateTimeField) and settings.USE_TZ and is_naive(value):
                value = make_aware(value, datetime.UTC)  # SQLite keeps UTC without its zone
        loaded[field.attname] = value
    attnames = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(db, attnames, [loaded.get(name, DEFERRED) for name in attnames])


class RelatedLists:
    """Lists read with their row: `LISTS.of(queryset)` is the queryset whose rows come with
    them, each stored as prefetch_related() would."""

    def __init__(self, *lists):
        self.lists = lists
        owner = self

        class Iterable(ModelIterable):
            def __iter__(self):
                for obj in super().__iter__():
                    owner.store(obj, self.queryset.db)
                    yield obj

        self.iterable = Iterable

    def of(self, queryset):
        for related in self.lists:
            related.bind(queryset.model)
        queryset = queryset.annotate(
            **{related.alias: _CompiledList(related) for related in self.lists}
        )
        queryset._iterable_class = self.iterable  # kept by every clone: filter(), get()...
        return queryset

    def store(self, obj, db):
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        for related in self.lists:
            rows = related.instances(obj, obj.__dict__.pop(related.alias), db)
            queryset = getattr(obj, related.name).get_queryset()
            queryset._result_cache = rows
            queryset._prefetch_done = True
            cache[related.cache_name] = queryset
