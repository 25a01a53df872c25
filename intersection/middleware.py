from . import views


class ProbeMiddleware:
    """Answer the liveness and readiness probes before anything else runs.

    Orchestrators probe by IP address, which is not in ALLOWED_HOSTS, and over plain HTTP:
    answering first keeps the probes free of host validation, HTTPS redirects, sessions
    and the database (for /healthz).
    """

    probes = {"/healthz": views.healthz, "/readyz": views.readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
