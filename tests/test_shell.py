"""``manage.py shell`` starts with the models imported, and no warning."""

from django.core.management import call_command


def test_the_shell_imports_every_model_without_a_warning(capsys):
    call_command("shell", command="print(Film.__name__, Citation.__name__)", verbosity=2)
    printed = capsys.readouterr()
    assert "Film Citation" in printed.out
    assert "could not be automatically imported" not in printed.out + printed.err
    assert "Historical" not in printed.out  # reached through Film.history instead
