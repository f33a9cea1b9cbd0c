"""The one error a dataset file can cause."""


class DatasetError(Exception):
    """A problem in the dataset file, naming the record and field at fault."""

    def __init__(self, where, message):
        super().__init__(f"{where}: {message}")
        self.where = where
