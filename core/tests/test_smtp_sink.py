from django.core.mail import send_mail


def test_mail_reaches_the_local_smtp_server(smtp_sink):
    send_mail("Hello", "Body text", "desk@example.org", ["reader@example.org"])
    [message] = smtp_sink.to("reader@example.org")
    assert message["Subject"] == "Hello"
    assert message.get_content().strip() == "Body text"
