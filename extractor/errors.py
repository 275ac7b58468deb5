"""Exceptions raised by chidao. Every message is one line that names the problem;
the CLI prefixes it with the file name."""


class ChidaoError(Exception):
    """Base class of every error chidao raises on purpose."""


class ReadError(ChidaoError):
    """The input could not be read as a document (corrupt, encrypted, empty, ...)."""


class UnsupportedFormat(ReadError):
    """The input is a kind of document chidao does not read yet (legacy .doc, scanned PDF)."""


class SchemaError(ChidaoError):
    """An extracted record does not validate against schemas/record.schema.json (a bug)."""
