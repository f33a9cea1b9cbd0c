"""``manage.py create_curator <username> [--editor]``: a user who can sign in to the admin
and work at once, in the Curator role (or Editor)."""

import getpass

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a curator (or, with --editor, an editor), or give an existing user the role."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--editor", action="store_true", help="the Editor role instead")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for a password: set one later with manage.py changepassword",
        )

    def handle(self, username, editor, email, interactive, **options):
        role = "Editor" if editor else "Curator"
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist:
            raise CommandError(
                f"There is no {role} role yet: run manage.py migrate first."
            ) from None
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, email=email)
            if interactive:
                user.set_password(self.ask_password())
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(group)  # makes them staff (curation.roles)
        other = "Curator" if editor else "Editor"
        also = (
            " (also an Editor)"
            if user.groups.filter(name=other).exists() and editor is False
            else ""
        )
        what = f"Created {username}, with" if created else f"Gave the existing user {username}"
        self.stdout.write(f"{what} the {role} role{also}: they can sign in at /admin/.")
        if created and not interactive:
            self.stdout.write(f"Set a password first: manage.py changepassword {username}")

    def ask_password(self):
        while True:
            password = getpass.getpass("Password: ")
            if not password:
                self.stderr.write("An empty password is not allowed.")
            elif password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
            else:
                try:
                    validate_password(password)
                except ValidationError as error:
                    self.stderr.write(" ".join(error.messages))
                    continue
                return password
