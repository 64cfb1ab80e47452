import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def staff(db):
    """Make a signed-in-able user in one of the newsroom's roles: ``staff("Reporters")``."""

    def make(role, username=None):
        user = User.objects.create_user(
            username or role.lower().replace(" ", "-"), f"{role[:3]}@example.org", "pw"
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
