"""The portal app for the HTTP benchmark, plus a hello-world route on the same server."""

from portal import create_app

app = create_app()


@app.get("/bench/hello")
def hello():
    return "hello"
