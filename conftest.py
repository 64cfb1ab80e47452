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
