import pytest

from core import testing


@pytest.fixture
def home(db):
    return testing.make_home()


@pytest.fixture
def section(home):
    return testing.make_section(home, title="World")


@pytest.fixture
def author(db):
    return testing.make_author(name="Olha Bondar")


@pytest.fixture
def admin_client(client, django_user_model):
    """A client signed in as a superuser."""
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    return client
