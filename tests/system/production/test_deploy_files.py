"""The deployment files keep the safe defaults: Rasa's API off, secrets only from
Secret objects, no wildcard CORS, the action server never exposed, and every
setting of the production endpoints files coming from the environment.
"""

import re

import yaml

from tests.servers import ROOT

K8S = ROOT / "deploy" / "k8s"


def documents():
    """The documents kustomization.yaml applies."""
    for name in yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]:
        path = K8S / name
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                yield path.name, doc


def containers():
    for _, doc in documents():
        if doc.get("kind") == "Deployment":
            yield from doc["spec"]["template"]["spec"]["containers"]


def test_manifests_parse_and_kustomization_lists_them_but_not_the_example_secret():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert "secret.example.yaml" not in listed
    for name in listed:
        assert (K8S / name).exists(), name
    assert {doc["kind"] for _, doc in documents()} >= {"Deployment", "Service", "ConfigMap", "Ingress", "NetworkPolicy"}


def test_rasa_http_api_stays_off():
    for container in containers():
        command = " ".join(container.get("command", []) + container.get("args", []))
        assert "--enable-api" not in command and "--auth-token" not in command and "--jwt-secret" not in command


def test_passwords_come_only_from_secret_objects():
    for container in containers():
        for variable in container.get("env", []):
            if "PASSWORD" in variable["name"] or "SECRET" in variable["name"] or "TOKEN" in variable["name"]:
                assert "secretKeyRef" in variable.get("valueFrom", {}), variable
    for name, doc in documents():
        if doc.get("kind") == "ConfigMap":
            assert not any(re.search("PASSWORD|SECRET|TOKEN", key) for key in doc["data"]), name
        assert doc.get("kind") != "Secret", f"{name}: a Secret must not be applied from git"


def test_no_wildcard_cors_and_action_server_not_exposed():
    config = next(doc for _, doc in documents() if doc.get("kind") == "ConfigMap")["data"]
    assert config["RASA_CORS"] and "*" not in config["RASA_CORS"]
    assert config["ACTION_ENDPOINT_URL"].startswith("http://127.0.0.1:")
    for _, doc in documents():
        if doc.get("kind") == "Service":
            assert [p["port"] for p in doc["spec"]["ports"]] == [5005]
        if doc.get("kind") == "Ingress":
            paths = [p["path"] for rule in doc["spec"]["rules"] for p in rule["http"]["paths"]]
            assert sorted(paths) == ["/socket.io", "/webhooks/rest/webhook"]


def test_containers_run_unprivileged_with_limits():
    for container in containers():
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False and context["readOnlyRootFilesystem"] is True
        assert container["resources"]["limits"]["memory"]


def test_production_endpoints_take_every_setting_from_the_environment():
    for name in ["endpoints.production.yml", "endpoints.production-broker.yml"]:
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        for key in ["url", "port", "db", "username", "password", "key_prefix", "login_db"]:
            for line in re.findall(rf"^\s+{key}: (.*)$", text, flags=re.M):
                assert re.fullmatch(r"\$\{[A-Z_]+\}", line.strip()), f"{name}: {key}: {line}"
        assert '"${' not in text, "quoted ${VAR} is not expanded by Rasa"


def test_the_image_holds_every_package_the_servers_import():
    """The Dockerfile copies packages one by one: each first-party package that the
    Rasa or action server code imports must be among them, or the image cannot start."""
    import ast

    copied = set(re.findall(r"^COPY (\w+)/ \1/$", (ROOT / "deploy" / "Dockerfile").read_text(), re.MULTILINE))
    first_party = {path.name for path in ROOT.iterdir() if (path / "__init__.py").is_file()}
    needed, todo = set(), ["actions", "channels", "components", "stores"]
    while todo:
        package = todo.pop()
        if package in needed:
            continue
        needed.add(package)
        for source in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text())):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                todo += [name.split(".")[0] for name in names if name.split(".")[0] in first_party]
    assert needed - {"tests"} <= copied, f"deploy/Dockerfile does not copy {sorted(needed - copied)}"
    assert "tests" not in needed, "production code imports tests/"
